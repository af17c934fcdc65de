package io.rentapi.api.http;

import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names under which a resource method's parameters appear in validation errors ({@code query
 * param limit}, {@code The request body}), as Dropwizard gives them, worked out once per method.
 * Dropwizard's provider reads them from the parameters' annotations, which the JDK parses anew on
 * every call; the validator asks on every validated request, whether or not anything is wrong.
 */
public final class ParameterNames implements ParameterNameProvider {
    private final ParameterNameProvider names = new JerseyParameterNameProvider();
    private final Map<Executable, List<String>> known = new ConcurrentHashMap<>();

    /** Dropwizard's validator factory, with these names. */
    public static ValidatorFactory validatorFactory() {
        return Validators.newConfiguration().parameterNameProvider(new ParameterNames()).buildValidatorFactory();
    }

    @Override
    public List<String> getParameterNames(Constructor<?> constructor) {
        return known.computeIfAbsent(constructor, c -> List.copyOf(names.getParameterNames(constructor)));
    }

    @Override
    public List<String> getParameterNames(Method method) {
        return known.computeIfAbsent(method, m -> List.copyOf(names.getParameterNames(method)));
    }
}
