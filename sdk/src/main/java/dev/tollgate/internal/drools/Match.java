package dev.tollgate.internal.drools;

/** Inserted by a rule's consequence when the rule matches: results travel as facts, never in globals. */
public record Match(int rule) {}
