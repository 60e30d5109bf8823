import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { run, type Caller, type Result } from './api.ts';

/**
 * Runs a typed query whenever its variables or the caller change (`null` variables: not yet).
 * The latest answer wins: a slow earlier answer never overwrites a newer one.
 */
export function useOperation<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables | null, caller: Caller) {
  const [state, setState] = useState<{ result: Result<TData> | null; loading: boolean }>({ result: null, loading: false });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) {
      setState({ result: null, loading: false });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    void run(document, variables, caller).then((result) => {
      if (current) setState({ result, loading: false });
    });
    return () => {
      current = false;
    };
    // `key` stands for `variables` (a new object on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, caller.role, caller.actor, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
