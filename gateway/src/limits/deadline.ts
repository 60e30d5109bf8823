import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { codedError, ErrorCode } from '../../../lib/errors.ts';

/**
 * A per-operation deadline around any gateway's executor (Omnigraph's or plain
 * @apollo/gateway's): past `timeoutMs` the client gets OPERATION_TIMEOUT and no data, while
 * the subgraph calls still in flight end on their own SUBGRAPH_TIMEOUT_MS. Planning is
 * synchronous and cannot be interrupted by a timer; the limits bound it instead.
 */
export function withOperationDeadline<G extends GatewayInterface>(gateway: G, timeoutMs: number): GatewayInterface {
  if (timeoutMs <= 0) return gateway;
  const deadline = (executor: GatewayExecutor): GatewayExecutor => async (requestContext) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<Awaited<ReturnType<GatewayExecutor>>>((resolve) => {
      timer = setTimeout(
        // `data: null`: an execution outcome (200, like a failed system's partial answer), not a request error.
        () => resolve({ data: null, errors: [codedError(ErrorCode.OPERATION_TIMEOUT, `The operation did not finish within ${timeoutMs} ms.`)] }),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([executor(requestContext), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    load: async (options) => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor ? deadline(loaded.executor) : null };
    },
    stop: () => gateway.stop(),
  };
}
