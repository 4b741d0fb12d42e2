package io.fusioncommerce.ingress.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Bean Validation (Hibernate Validator) of request records; failures become a 400 listing each field. */
public final class RequestValidator implements AutoCloseable {

  private final ValidatorFactory factory =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();
  private final Validator validator = factory.getValidator();

  public <T> T valid(T request) {
    if (request == null) {
      throw ApiException.badRequest("a JSON body is required");
    }
    var violations = validator.validate(request);
    if (!violations.isEmpty()) {
      List<FieldError> errors =
          violations.stream()
              .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
              .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
              .toList();
      throw ApiException.validation(errors);
    }
    return request;
  }

  @Override
  public void close() {
    factory.close();
  }
}
