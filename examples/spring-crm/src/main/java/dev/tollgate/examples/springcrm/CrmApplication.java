package dev.tollgate.examples.springcrm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot CRM that asks Tollgate before it dials. The starter makes the {@code PolicyEngine} bean
 * from application.yml, its ledger on this application's DataSource; Actuator serves
 * {@code /actuator/health} and {@code /actuator/prometheus}.
 *
 * <pre>
 * mvn -B -ntp -q -pl examples/spring-crm -am install -DskipTests
 * java -jar examples/spring-crm/target/tollgate-example-spring-crm-0.1.0-SNAPSHOT.jar
 * curl -i -H 'Content-Type: application/json' --data @examples/requests/marketing-call-consented.json localhost:8080/calls
 * </pre>
 */
@SpringBootApplication
public class CrmApplication {
  public static void main(String[] args) {
    SpringApplication.run(CrmApplication.class, args);
  }
}
