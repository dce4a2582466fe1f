/**
 * A Spring Boot CRM using Tollgate through its starter; the entry type is
 * {@link dev.tollgate.examples.springcrm.CrmApplication}.
 */
package dev.tollgate.examples.springcrm;
