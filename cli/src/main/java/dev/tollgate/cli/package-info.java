/**
 * The {@code tollgate} command, whose entry point is {@link dev.tollgate.cli.Tollgate}: it decides
 * request files and streams, and validates, tests, lints, compares and documents rule packs. The
 * subcommands are package-private; scripts depend on the command's output and exit status, not on these
 * classes.
 */
package dev.tollgate.cli;
