/** A required setting (an environment variable) is missing for the command asked for: exit 2, one line. */
export class MissingSettingError extends Error {}

/** The command line itself is wrong: exit 2 with a hint. */
export class UsageError extends Error {}
