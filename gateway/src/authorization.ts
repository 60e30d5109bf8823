import type { ApolloServerPlugin } from '@apollo/server';
import { parse } from '../../lib/authorization/graphql.ts';
import { AuthorizationAnalyzer, applyMask, forbiddenError, policyOf, seesRawPii, type AuditLog, type Decision, type Policy } from '../../lib/authorization/index.ts';
import type { GatewayContext } from './server.ts';

/**
 * The gateway's enforcement of the schema's authorization declarations (`@requiresRole`,
 * `@pii`, composed into the supergraph from every subgraph):
 *  - before any subgraph fetch (`didResolveOperation`, after validation and the operation
 *    limits), an operation selecting a field the caller's roles do not open is refused whole
 *    with FORBIDDEN naming the field, so a refused mutation has no side effect;
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
        async didResolveOperation({ document, operationName, schema }) {
          analyzer ??= new AuthorizationAnalyzer(schema, policy);
          decision = analyzer.decide(document, operationName, contextValue.caller.roles);
          if (decision.refused.length > 0) throw forbiddenError(decision.refused);
        },
        async willSendResponse({ response, operationName }) {
          const tree = decision?.shape.pii;
          if (!tree || response.body.kind !== 'single') return;
          const data = response.body.singleResult.data;
          if (!data) return;
          const { caller, requestId } = contextValue;
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
