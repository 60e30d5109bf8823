import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { ErrorCode } from '../../../lib/errors.ts';
import { requestError } from '../../../lib/http-graphql.ts';
import { estimateCost, expandedSelections } from './cost.ts';
import { Lexer, Source, TokenKind, validate, visit } from './graphql.ts';
import { planningWeight } from './planning.ts';
import type { LimitsConfig } from './config.ts';

/**
 * The structural checks of one document, in the order that keeps each step cheap:
 *   0. its size in bytes (long literals belong in variables, which no cache keeps);
 *   1. one pass of graphql-js's lexer (iterative): tokens and bracket nesting, so a 5 MB
 *      document stops after LIMIT_MAX_TOKENS tokens and a 100,000-deep one never reaches the
 *      recursive parser (which overflows the stack near 2,500 levels);
 *   2. graphql-armor's token-limited parser;
 *   3. names: no alias, argument, variable or fragment named `__…` (`{ __proto__: __typename }`);
 *   4. fragment expansion, memoised (cost.ts): the bomb is refused here, in microseconds;
 *   5. graphql-armor's depth, alias and directive rules, run on their own before graphql-js's
 *      full validation (whose OverlappingFieldsCanBeMerged is quadratic in same-named fields);
 *   6. the planning weight (planning.ts): the `@requires` joins the query planner must plan.
 * The cost estimate depends on variables (list sizes) and runs per request, cached (guard.ts).
 */

export type Structure = { ok: true; document: DocumentNode } | { ok: false; error: GraphQLError } | { ok: 'unparsable' };

const refused = (code: ErrorCode, message: string): Structure => ({ ok: false, error: requestError(code, message, 400) });

/** Selection sets, lists and input objects may nest this much deeper than the field depth limit. */
const NESTING_SLACK = 32;

export function analyzeStructure(schema: GraphQLSchema, source: string, limits: LimitsConfig, requires: ReadonlyMap<string, number> = new Map()): Structure {
  const maxBytes = limits.LIMIT_MAX_DOCUMENT_BYTES;
  if (source.length * 3 > maxBytes && Buffer.byteLength(source) > maxBytes) {
    return refused(ErrorCode.OPERATION_TOO_LARGE, `The operation's text is larger than ${maxBytes} bytes; pass long values as variables.`);
  }
  const scan = scanTokens(source, limits.LIMIT_MAX_TOKENS, limits.LIMIT_MAX_DEPTH + NESTING_SLACK);
  if (scan === 'tokens') return refused(ErrorCode.OPERATION_TOO_LARGE, `The operation has more than ${limits.LIMIT_MAX_TOKENS} tokens.`);
  if (scan === 'nesting') return refused(ErrorCode.OPERATION_TOO_DEEP, `The operation nests deeper than ${limits.LIMIT_MAX_DEPTH + NESTING_SLACK} levels.`);
  if (scan === 'unparsable') return { ok: 'unparsable' };

  let document: DocumentNode;
  try {
    document = new MaxTokensParserWLexer(source, { n: limits.LIMIT_MAX_TOKENS }).parseDocument();
  } catch {
    // A syntax error: Apollo parses again and answers GRAPHQL_PARSE_FAILED with its own message.
    return { ok: 'unparsable' };
  }

  const badName = reservedName(document);
  if (badName) return refused(ErrorCode.GRAPHQL_VALIDATION_FAILED, `"${badName}" is not a valid name here: names starting with "__" are reserved for introspection.`);

  const selections = expandedSelections(document);
  if (selections > limits.LIMIT_MAX_SELECTIONS) {
    return refused(
      ErrorCode.OPERATION_TOO_COMPLEX,
      `The operation selects ${selections > 1e12 ? 'over 10^12' : selections} fields once its fragments are spread; the limit is ${limits.LIMIT_MAX_SELECTIONS}.`,
    );
  }

  const rejections: { code: ErrorCode; message: string }[] = [];
  const onReject = (code: ErrorCode) => [(_ctx: unknown, error: GraphQLError) => rejections.push({ code, message: error.message.replace(/^Syntax Error: /, '') })];
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.LIMIT_MAX_DEPTH, flattenFragments: true, propagateOnRejection: false, onReject: onReject(ErrorCode.OPERATION_TOO_DEEP) }),
    maxAliasesRule({ n: limits.LIMIT_MAX_ALIASES, propagateOnRejection: false, onReject: onReject(ErrorCode.OPERATION_TOO_COMPLEX) }),
    maxDirectivesRule({ n: limits.LIMIT_MAX_DIRECTIVES, propagateOnRejection: false, onReject: onReject(ErrorCode.OPERATION_TOO_COMPLEX) }),
  ];
  validate(schema, document, rules);
  const first = rejections[0];
  if (first) return refused(first.code, first.message);

  const weight = planningWeight(schema, document, requires);
  if (weight > limits.LIMIT_MAX_PLANNING_WEIGHT) {
    return refused(
      ErrorCode.OPERATION_TOO_COMPLEX,
      `The operation joins too much across subgraphs to plan (planning weight ${weight > 1e12 ? 'over 10^12' : weight}, limit ${limits.LIMIT_MAX_PLANNING_WEIGHT}): fields such as journey, orders and channelInsight gather data from every system; ask for them for fewer customers at once.`,
    );
  }
  return { ok: true, document };
}

/** Estimated cost against the limit, for this request's variables. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  limits: LimitsConfig,
): { error: GraphQLError | undefined; sizeVariables: string[]; cost: number } {
  const { cost, sizeVariables } = estimateCost(schema, document, variables, { defaultListSize: limits.LIMIT_DEFAULT_LIST_SIZE });
  const error =
    cost > limits.LIMIT_MAX_COST
      ? requestError(
          ErrorCode.OPERATION_TOO_COMPLEX,
          `The operation's estimated cost is ${cost > 1e12 ? 'over 10^12' : Math.round(cost)}; the limit is ${limits.LIMIT_MAX_COST} (each field counts once per list item: ask for smaller pages or fewer nested lists).`,
        )
      : undefined;
  return { error, sizeVariables, cost };
}

/**
 * Counts tokens and bracket nesting with graphql-js's lexer, which is iterative; stops at the
 * first limit passed. A lexing error is left to Apollo's parser to report.
 */
function scanTokens(source: string, maxTokens: number, maxNesting: number): 'ok' | 'tokens' | 'nesting' | 'unparsable' {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > maxTokens) return 'tokens';
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
        if (++nesting > maxNesting) return 'nesting';
      } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) nesting--;
    }
  } catch {
    return 'unparsable';
  }
  return 'ok';
}

const INTROSPECTION_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * The first name a client may not use: `__`-names are the introspection system's (the spec
 * reserves them), and as response keys or input fields (`__proto__`) they reach plain objects.
 */
function reservedName(document: DocumentNode): string | undefined {
  let found: string | undefined;
  const check = (name: string | undefined) => {
    if (found === undefined && name !== undefined && name.startsWith('__')) found = name;
  };
  visit(document, {
    Field(node) {
      check(node.alias?.value);
      if (!INTROSPECTION_FIELDS.has(node.name.value)) check(node.name.value);
    },
    Argument(node) {
      check(node.name.value);
    },
    ObjectField(node) {
      check(node.name.value);
    },
    Variable(node) {
      check(node.name.value);
    },
    FragmentDefinition(node) {
      check(node.name.value);
    },
    FragmentSpread(node) {
      check(node.name.value);
    },
    OperationDefinition(node) {
      check(node.name?.value);
    },
  });
  return found;
}
