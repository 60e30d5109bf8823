import type { ApolloServerPlugin } from '@apollo/server';
import { parse } from '../../lib/authorization/graphql.ts';
import { AuthorizationAnalyzer, applyMask, assertAllowed, mutationTargets, policyOf, seesRawPii, type AuditLog, type Decision, type Policy } from '../../lib/authorization/index.ts';
import type { GatewayContext } from './server.ts';

/**
 * The gateway's enforcement of the schema's authorization declarations (`@requiresRole`,
 * `@pii`, composed into the supergraph from every subgraph):
 *  - before any subgraph fetch (`didResolveOperation`, after validation and the operation
 *    limits), an operation selecting a field the caller's roles do not open is refused whole
 *    with FORBIDDEN naming the field, so a refused mutation has no side effect; so is a caller
 *    who reads personal data masked passing a value to an argument declared `@pii` (searching
 *    customers by an email would tell that the person exists);
 *  - every mutation (refused or run) is written to the audit log: actor, roles, request id,
 *    the root fields and the ids they named, the outcome;
 *  - before the response leaves, personal data is masked for callers without a raw-PII role
 *    (lib/authorization/mask.ts), and every response holding personal data is written to the
 *    audit log with who read what about whom.
 * The analysis is cached per parsed document and roles (AuthorizationAnalyzer), so a repeated
 * operation costs a lookup plus a walk of the response along the personal-data paths only.
 */
export function supergraphPolicy(supergraphSdl: string): Policy {
  return policyOf(parse(supergraphSdl, { noLocation: true }));
}

export function authorizationPlugin(policy: Policy, audit: AuditLog): ApolloServerPlugin<GatewayContext> {
  let analyzer: AuthorizationAnalyzer | undefined;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          analyzer = new AuthorizationAnalyzer(apiSchema, policy);
        },
      };
    },
    async requestDidStart({ contextValue }) {
      let decision: Decision | undefined;
      return {
        async didResolveOperation({ document, operationName, schema, request }) {
          analyzer ??= new AuthorizationAnalyzer(schema, policy);
          decision = analyzer.decide(document, operationName, contextValue.caller.roles);
          assertAllowed(decision, request.variables);
        },
        async willSendResponse({ response, operationName, request }) {
          if (response.body.kind !== 'single') return;
          const { caller, requestId } = contextValue;
          if (decision?.shape.operationType === 'mutation') {
            // Every mutation, refused or run: who asked to change what, with the ids it named.
            const codes = [...new Set((response.body.singleResult.errors ?? []).map((e) => String(e.extensions?.code ?? 'ERROR')))];
            audit.mutation({
              actor: caller.actor,
              roles: caller.roles,
              requestId,
              operation: operationName ?? 'anonymous',
              mutations: mutationTargets(decision.shape, request.variables),
              outcome: codes.length ? codes.join(',') : 'ok',
            });
          }
          const tree = decision?.shape.pii;
          const data = response.body.singleResult.data;
          if (!tree || !data) return;
          const masked = !seesRawPii(caller.roles);
          const read = applyMask(tree, data, masked);
          if (read.fields.size === 0) return;
          audit.piiRead({
            actor: caller.actor,
            roles: caller.roles,
            requestId,
            operation: operationName ?? 'anonymous',
            masked,
            fields: [...read.fields].sort(),
            subjects: [...read.subjects].sort(),
          });
        },
      };
    },
  };
}
