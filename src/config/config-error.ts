/**
 * Every configuration failure: one message a person can act on, each line
 * "file: key.path: expected …, got …".
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** One entry per problem, each already "file: path: expected …". */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(formatProblems(problems));
    this.problems = problems;
  }
}

const formatProblems = (problems: readonly string[]): string =>
  problems.length === 1
    ? (problems[0] ?? '')
    : [`invalid configuration (${problems.length} problems):`, ...problems.map((p) => `  ${p}`)].join('\n');
