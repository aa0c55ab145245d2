package org.exekutir.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names a service within its contract: the step type {@code command}, the playbook
 * runner {@code ansible}, the VM provider {@code local}. Sets the service property
 * {@value #PROPERTY}. When two services of one contract share a name, the one with
 * the highest {@code service.ranking} wins.
 *
 * <pre>
 * &#64;Component
 * &#64;ExekutirName("openstack")
 * public class OpenStackProvider implements VmProvider { ... }
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ExekutirName {
    /** The service property that carries the name. */
    String PROPERTY = "exekutir.name";

    /** @return the name, unique within one contract */
    String value();
}
