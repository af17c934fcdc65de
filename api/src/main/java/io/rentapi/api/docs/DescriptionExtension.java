package io.rentapi.api.docs;

import com.fasterxml.jackson.annotation.JsonView;
import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Public;
import io.rentapi.api.auth.RequiresPermission;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Teaches the OpenAPI reader our conventions: the {@code @Auth} caller is not a request body,
 * {@link Public} routes need no credentials, and {@link RequiresPermission} is stated on the route.
 */
final class DescriptionExtension extends AbstractOpenAPIExtension {
    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes,
                                               Consumes methodConsumes, boolean includeRequestBody,
                                               JsonView jsonViewAnnotation, Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(a -> a instanceof Auth)) {
            return new ResolvedParameter();
        }
        return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonViewAnnotation, chain);
    }

    @Override
    public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
        if (method.isAnnotationPresent(Public.class) || method.getDeclaringClass().isAnnotationPresent(Public.class)) {
            operation.setSecurity(List.of());
        }
        RequiresPermission permission = method.getAnnotation(RequiresPermission.class);
        if (permission == null) {
            permission = method.getDeclaringClass().getAnnotation(RequiresPermission.class);
        }
        if (permission != null) {
            String needs = "Requires the `" + permission.value().value() + "` permission.";
            operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
            operation.addExtension("x-required-permission", permission.value().value());
        }
        super.decorateOperation(operation, method, chain);
    }
}
