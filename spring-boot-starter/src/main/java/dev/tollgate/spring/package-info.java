/**
 * Spring Boot auto-configuration of Tollgate: {@link dev.tollgate.spring.TollgateAutoConfiguration}
 * builds a {@link dev.tollgate.PolicyEngine} bean from {@link dev.tollgate.spring.TollgateProperties},
 * with a health indicator and Micrometer meters.
 */
package dev.tollgate.spring;
