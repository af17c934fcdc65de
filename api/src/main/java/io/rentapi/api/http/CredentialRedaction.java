package io.rentapi.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes an answer without its {@link Credential} fields, at any depth, for copies that are kept.
 * Which fields a type carries is worked out once per class.
 */
public final class CredentialRedaction {
    private final ObjectMapper json;
    private final ObjectMapper redacting;
    private final ClassValue<Set<String>> fieldsByClass = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return Set.copyOf(credentialsIn(json.constructType(type), new HashSet<>()));
        }
    };

    public CredentialRedaction(ObjectMapper json) {
        this.json = json;
        this.redacting = json.copy().setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public boolean hasIgnoreMarker(AnnotatedMember member) {
                return member.hasAnnotation(Credential.class) || super.hasIgnoreMarker(member);
            }
        });
    }

    /** The JSON names of the credential fields an answer of this type may carry; empty for most. */
    public Set<String> fieldsOf(Object entity) {
        return entity == null ? Set.of() : fieldsByClass.get(entity.getClass());
    }

    public String withoutCredentials(Object entity) {
        try {
            return redacting.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + entity.getClass().getName(), e);
        }
    }

    private Set<String> credentialsIn(JavaType type, Set<JavaType> seen) {
        if (type.isContainerType() || type.isReferenceType()) {
            return type.getContentType() == null ? Set.of() : credentialsIn(type.getContentType(), seen);
        }
        Class<?> raw = type.getRawClass();
        if (raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.") || !seen.add(type)) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>();
        for (BeanPropertyDefinition property : json.getSerializationConfig().introspect(type).findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            if (accessor.hasAnnotation(Credential.class)) {
                names.add(property.getName());
            } else {
                names.addAll(credentialsIn(accessor.getType(), seen));
            }
        }
        return names;
    }
}
