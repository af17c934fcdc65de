package io.rentapi.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import io.rentapi.api.rentals.RentalResource;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParameterNamesTest {
    @Test
    void namesAreDropwizardsWorkedOutOncePerMethod() {
        ParameterNames names = new ParameterNames();
        JerseyParameterNameProvider dropwizard = new JerseyParameterNameProvider();
        Method list = Arrays.stream(RentalResource.class.getMethods()).filter(m -> m.getName().equals("list"))
                .findFirst().orElseThrow();
        assertThat(names.getParameterNames(list)).isEqualTo(dropwizard.getParameterNames(list))
                .contains("query param status", "query param customer_id", "query param item_id");
        assertThat(names.getParameterNames(list)).isSameAs(names.getParameterNames(list));
        for (Method m : RentalResource.class.getDeclaredMethods()) {
            assertThat(names.getParameterNames(m)).as(m.getName()).isEqualTo(dropwizard.getParameterNames(m));
        }
    }
}
