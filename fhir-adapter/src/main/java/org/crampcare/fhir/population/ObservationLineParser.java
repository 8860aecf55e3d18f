package org.crampcare.fhir.population;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.jspecify.annotations.Nullable;

/**
 * Reads the common shape of an Observation line (a lab result, a finding with a date) straight into
 * HAPI's model, without HAPI's generic parser; for anything else it declines, and the caller parses
 * the line with HAPI as before.
 *
 * <p>A population's export is mostly Observations (a chart's years of labs), and HAPI's parser,
 * which builds a JSON tree and then walks the model's definitions by reflection, was the largest
 * single cost of a population run. This reader accepts only members whose meaning it writes exactly
 * as HAPI does, and declines a line with anything else: an unknown or unsupported member, an
 * extension, a primitive's {@code _element}, a repeated member, a {@code null}, an empty or padded
 * string, a number in exponent form, a code or date HAPI would not accept. {@code
 * ObservationLineParserTest} checks, for every Observation of the shared third-party fixtures, our
 * own test records, the population generator and thousands of altered lines, that what it accepts
 * is what HAPI reads: the same JSON when encoded, {@code equalsDeep}, and the same id.
 *
 * <p>Accepted members: {@code resourceType}, {@code id}, {@code meta} ({@code versionId}, {@code
 * lastUpdated}, {@code source}, {@code profile}, {@code tag}, {@code security}), {@code identifier}
 * ({@code system}, {@code value}), {@code status}, {@code category}, {@code code}, {@code subject},
 * {@code encounter}, {@code effectiveDateTime}, {@code effectivePeriod}, {@code issued}, {@code
 * performer}, {@code valueQuantity}, {@code valueCodeableConcept}, {@code valueString}, {@code
 * interpretation}, {@code bodySite}, {@code method} and {@code referenceRange} ({@code low}, {@code
 * high}, {@code text}); a CodeableConcept's {@code coding} ({@code system}, {@code version}, {@code
 * code}, {@code display}) and {@code text}; a Reference's {@code reference} and {@code display}; a
 * Quantity's {@code value}, {@code unit}, {@code system} and {@code code}. Not thread-safe: one per
 * thread.
 */
final class ObservationLineParser {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Thrown inside to decline a line; never leaves this class. */
  private static final class Decline extends Exception {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  /** A FHIR id, as R4 defines it. */
  static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private final Observation.ObservationStatusEnumFactory statusFactory =
      new Observation.ObservationStatusEnumFactory();

  /**
   * Returns the line as HAPI would read it, or null if this reader declines it (the caller then
   * parses it with HAPI).
   */
  @Nullable Observation parse(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      Observation o = observation(p);
      if (p.nextToken() != null) {
        return null; // something after the object: HAPI decides what that means
      }
      return o;
    } catch (Decline | IOException | RuntimeException e) {
      return null;
    }
  }

  private Observation observation(JsonParser p) throws IOException, Decline {
    expect(p.nextToken(), JsonToken.START_OBJECT);
    Observation o = new Observation();
    Set<String> seen = new HashSet<>();
    String id = null;
    boolean typed = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (!seen.add(name)) {
        throw Decline.INSTANCE;
      }
      JsonToken value = p.nextToken();
      if (name.startsWith("value") && o.hasValue()
          || name.startsWith("effective") && o.hasEffective()) {
        throw Decline.INSTANCE; // two choices of one element
      }
      switch (name) {
        case "resourceType":
          typed = "Observation".equals(text(p, value));
          if (!typed) {
            throw Decline.INSTANCE;
          }
          break;
        case "id":
          id = text(p, value);
          break;
        case "meta":
          meta(p, value, o.getMeta());
          break;
        case "identifier":
          array(p, value, () -> o.addIdentifier(identifier(p, p.currentToken())));
          break;
        case "performer":
          array(p, value, () -> o.addPerformer(reference(p, p.currentToken())));
          break;
        case "effectivePeriod":
          o.setEffective(period(p, value));
          break;
        case "valueCodeableConcept":
          o.setValue(concept(p, value));
          break;
        case "valueString":
          o.setValue(new StringType(text(p, value)));
          break;
        case "status":
          String status = text(p, value);
          try {
            o.setStatus(statusFactory.fromCode(status));
          } catch (IllegalArgumentException e) {
            throw Decline.INSTANCE;
          }
          break;
        case "category":
          array(p, value, () -> o.addCategory(concept(p, p.currentToken())));
          break;
        case "code":
          o.setCode(concept(p, value));
          break;
        case "subject":
          o.setSubject(reference(p, value));
          break;
        case "encounter":
          o.setEncounter(reference(p, value));
          break;
        case "effectiveDateTime":
          o.setEffective(dateTime(text(p, value)));
          break;
        case "issued":
          o.setIssuedElement(instant(text(p, value)));
          break;
        case "valueQuantity":
          o.setValue(quantity(p, value));
          break;
        case "interpretation":
          array(p, value, () -> o.addInterpretation(concept(p, p.currentToken())));
          break;
        case "bodySite":
          o.setBodySite(concept(p, value));
          break;
        case "method":
          o.setMethod(concept(p, value));
          break;
        case "referenceRange":
          array(p, value, () -> o.addReferenceRange(range(p, p.currentToken())));
          break;
        default:
          throw Decline.INSTANCE;
      }
    }
    if (!typed || id == null || !ID.matcher(id).matches()) {
      throw Decline.INSTANCE;
    }
    o.setIdElement(
        new IdType(
            "Observation", id, o.getMeta().hasVersionId() ? o.getMeta().getVersionId() : null));
    o.getMeta(); // HAPI's parser leaves an empty Meta on every resource; equalsDeep sees it
    o.setUserData(ca.uhn.fhir.parser.BaseParser.RESOURCE_CREATED_BY_PARSER, Boolean.TRUE);
    return o;
  }

  /** Reads one member of an object, given its name and the token of its value. */
  private interface Members {
    void read(String name, JsonToken value) throws IOException, Decline;
  }

  /** Reads a non-empty object's members into {@code target}; HAPI's reading of {} is HAPI's. */
  private static <T extends Base> T object(
      JsonParser p, @Nullable JsonToken token, T target, Members members)
      throws IOException, Decline {
    expect(token, JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      members.read(name, p.nextToken());
    }
    if (target.isEmpty()) {
      throw Decline.INSTANCE;
    }
    return target;
  }

  private static void meta(JsonParser p, JsonToken token, Meta meta) throws IOException, Decline {
    object(
        p,
        token,
        meta,
        (name, value) -> {
          switch (name) {
            case "versionId":
              once(meta.hasVersionIdElement());
              meta.setVersionIdElement(new IdType(text(p, value)));
              break;
            case "lastUpdated":
              once(meta.hasLastUpdatedElement());
              meta.setLastUpdatedElement(instant(text(p, value)));
              break;
            case "source":
              once(meta.hasSourceElement());
              meta.setSourceElement(new UriType(text(p, value)));
              break;
            case "profile":
              once(meta.hasProfile());
              array(
                  p,
                  value,
                  () -> meta.getProfile().add(new CanonicalType(text(p, p.currentToken()))));
              break;
            case "tag":
              once(meta.hasTag());
              array(p, value, () -> meta.addTag(coding(p, p.currentToken())));
              break;
            case "security":
              once(meta.hasSecurity());
              array(p, value, () -> meta.addSecurity(coding(p, p.currentToken())));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static Identifier identifier(JsonParser p, JsonToken token) throws IOException, Decline {
    Identifier i = new Identifier();
    return object(
        p,
        token,
        i,
        (name, value) -> {
          switch (name) {
            case "system":
              once(i.hasSystemElement());
              i.setSystemElement(new UriType(text(p, value)));
              break;
            case "value":
              once(i.hasValueElement());
              i.setValueElement(new StringType(text(p, value)));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static Period period(JsonParser p, JsonToken token) throws IOException, Decline {
    Period period = new Period();
    return object(
        p,
        token,
        period,
        (name, value) -> {
          switch (name) {
            case "start":
              once(period.hasStartElement());
              period.setStartElement(dateTime(text(p, value)));
              break;
            case "end":
              once(period.hasEndElement());
              period.setEndElement(dateTime(text(p, value)));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static CodeableConcept concept(JsonParser p, JsonToken token)
      throws IOException, Decline {
    CodeableConcept c = new CodeableConcept();
    return object(
        p,
        token,
        c,
        (name, value) -> {
          switch (name) {
            case "coding":
              once(c.hasCoding());
              array(p, value, () -> c.addCoding(coding(p, p.currentToken())));
              break;
            case "text":
              once(c.hasTextElement());
              c.setTextElement(new StringType(text(p, value)));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static Coding coding(JsonParser p, JsonToken token) throws IOException, Decline {
    Coding c = new Coding();
    return object(
        p,
        token,
        c,
        (name, value) -> {
          switch (name) {
            case "system":
              once(c.hasSystemElement());
              c.setSystemElement(new UriType(text(p, value)));
              break;
            case "version":
              once(c.hasVersionElement());
              c.setVersionElement(new StringType(text(p, value)));
              break;
            case "code":
              once(c.hasCodeElement());
              c.setCodeElement(new CodeType(text(p, value)));
              break;
            case "display":
              once(c.hasDisplayElement());
              c.setDisplayElement(new StringType(text(p, value)));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static Reference reference(JsonParser p, JsonToken token) throws IOException, Decline {
    Reference r = new Reference();
    return object(
        p,
        token,
        r,
        (name, value) -> {
          switch (name) {
            case "reference":
              once(r.hasReferenceElement());
              r.setReference(text(p, value));
              break;
            case "display":
              once(r.hasDisplayElement());
              r.setDisplayElement(new StringType(text(p, value)));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static Quantity quantity(JsonParser p, JsonToken token) throws IOException, Decline {
    Quantity q = new Quantity();
    return object(
        p,
        token,
        q,
        (name, value) -> {
          switch (name) {
            case "value":
              once(q.hasValueElement());
              q.setValueElement(decimal(p, value));
              break;
            case "unit":
              once(q.hasUnitElement());
              q.setUnitElement(new StringType(text(p, value)));
              break;
            case "system":
              once(q.hasSystemElement());
              q.setSystemElement(new UriType(text(p, value)));
              break;
            case "code":
              once(q.hasCodeElement());
              q.setCodeElement(new CodeType(text(p, value)));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static Observation.ObservationReferenceRangeComponent range(JsonParser p, JsonToken token)
      throws IOException, Decline {
    Observation.ObservationReferenceRangeComponent r =
        new Observation.ObservationReferenceRangeComponent();
    return object(
        p,
        token,
        r,
        (name, value) -> {
          switch (name) {
            case "low":
              once(r.hasLow());
              r.setLow(quantity(p, value));
              break;
            case "high":
              once(r.hasHigh());
              r.setHigh(quantity(p, value));
              break;
            case "text":
              once(r.hasTextElement());
              r.setTextElement(new StringType(text(p, value)));
              break;
            default:
              throw Decline.INSTANCE;
          }
        });
  }

  private static DecimalType decimal(JsonParser p, JsonToken token) throws IOException, Decline {
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw Decline.INSTANCE;
    }
    String text = p.getText();
    // HAPI reads the number as a BigDecimal and keeps its scale; a form BigDecimal would print
    // differently (an exponent, a sign on zero) is left to HAPI.
    if (!new BigDecimal(text).toString().equals(text)) {
      throw Decline.INSTANCE;
    }
    DecimalType d = new DecimalType();
    d.setValueAsString(text);
    return d;
  }

  private static DateTimeType dateTime(String text) throws Decline {
    try {
      return new DateTimeType(text);
    } catch (RuntimeException e) {
      throw Decline.INSTANCE;
    }
  }

  private static InstantType instant(String text) throws Decline {
    try {
      return new InstantType(text);
    } catch (RuntimeException e) {
      throw Decline.INSTANCE;
    }
  }

  /** A string value that HAPI keeps as written: not empty, not padded. */
  private static String text(JsonParser p, JsonToken token) throws IOException, Decline {
    if (token != JsonToken.VALUE_STRING) {
      throw Decline.INSTANCE;
    }
    String s = p.getText();
    if (s.isEmpty()
        || Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1))) {
      throw Decline.INSTANCE;
    }
    return s;
  }

  /** One item of an array, read at the parser's current token. */
  private interface Item {
    void read() throws IOException, Decline;
  }

  /** Reads a non-empty array's items; HAPI's handling of an empty one is left to HAPI. */
  private static void array(JsonParser p, JsonToken token, Item item) throws IOException, Decline {
    expect(token, JsonToken.START_ARRAY);
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      item.read();
      n++;
    }
    if (n == 0) {
      throw Decline.INSTANCE;
    }
  }

  private static void expect(@Nullable JsonToken actual, JsonToken expected) throws Decline {
    if (actual != expected) {
      throw Decline.INSTANCE;
    }
  }

  private static void once(boolean alreadySet) throws Decline {
    if (alreadySet) {
      throw Decline.INSTANCE;
    }
  }
}
