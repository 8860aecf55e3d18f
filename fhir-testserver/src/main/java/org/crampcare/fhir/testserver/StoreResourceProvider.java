package org.crampcare.fhir.testserver;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Read, search, create (with {@code If-None-Exist}), update (also conditional) and delete for one
 * resource type, over a {@link ResourceStore}. Public only because HAPI invokes the annotated
 * methods reflectively; not part of the API.
 */
final class StoreResourceProvider implements IResourceProvider {
  private final Class<? extends IBaseResource> type;
  private final String typeName;
  private final ResourceStore store;

  StoreResourceProvider(Class<? extends IBaseResource> type, String typeName, ResourceStore store) {
    this.type = type;
    this.typeName = typeName;
    this.store = store;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return type;
  }

  /**
   * Reads the current version; a version-specific read of an older version is not found, since the
   * store keeps no history.
   */
  @Read(version = true)
  public IBaseResource read(@IdParam IdType id) {
    Resource r =
        store.read(typeName, id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
    if (id.hasVersionIdPart() && !id.getVersionIdPart().equals(r.getMeta().getVersionId())) {
      throw new ResourceNotFoundException(id);
    }
    return r;
  }

  /** Searches with the parameters {@link SearchQuery} supports; others are rejected with 400. */
  @Search(allowUnknownParams = true)
  public IBundleProvider search(
      RequestDetails details, @IncludeParam @Nullable Set<Include> includes) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    details.getParameters().forEach((k, v) -> parameters.put(k, Arrays.asList(v)));
    parameters.remove("_include");
    List<String> include = new ArrayList<>();
    if (includes != null) {
      includes.forEach(i -> include.add(i.getValue()));
    }
    List<Resource> matches = store.search(typeName, parameters, include);
    for (Resource match : matches) {
      ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(match, BundleEntrySearchModeEnum.MATCH);
    }
    return new SimpleBundleProvider(matches);
  }

  /** Creates, or with {@code If-None-Exist} finds the one existing match. */
  @Create
  public MethodOutcome create(
      @ResourceParam IBaseResource resource, @ConditionalUrlParam @Nullable String condition) {
    BundleEntryComponent entry = new BundleEntryComponent().setResource((Resource) resource);
    entry.getRequest().setMethod(HTTPVerb.POST).setUrl(typeName);
    Optional.ofNullable(condition).ifPresent(c -> entry.getRequest().setIfNoneExist(query(c)));
    return outcome(store.transaction(List.of(entry)).get(0));
  }

  /** Updates (or creates) by id, or by a conditional URL. */
  @Update
  public MethodOutcome update(
      @IdParam @Nullable IdType id,
      @ResourceParam IBaseResource resource,
      @ConditionalUrlParam @Nullable String condition) {
    BundleEntryComponent entry = new BundleEntryComponent().setResource((Resource) resource);
    if (condition != null) {
      entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(typeName + "?" + query(condition));
    } else if (id != null && id.hasIdPart()) {
      entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(typeName + "/" + id.getIdPart());
    } else {
      throw new InvalidRequestException("PUT " + typeName + " needs an id or a condition");
    }
    return outcome(store.transaction(List.of(entry)).get(0));
  }

  /** Deletes by id; deleting what does not exist succeeds. */
  @Delete
  public MethodOutcome delete(@IdParam IdType id) {
    BundleEntryComponent entry = new BundleEntryComponent();
    entry.getRequest().setMethod(HTTPVerb.DELETE).setUrl(typeName + "/" + id.getIdPart());
    store.transaction(List.of(entry));
    return new MethodOutcome();
  }

  private String query(String condition) {
    int q = condition.indexOf('?');
    return q >= 0 ? condition.substring(q + 1) : condition;
  }

  private MethodOutcome outcome(ResourceStore.Outcome o) {
    Resource stored = store.read(o.type(), o.id()).orElseThrow();
    return new MethodOutcome()
        .setId(stored.getIdElement())
        .setCreated(o.action() == ResourceStore.Action.CREATED)
        .setResource(stored);
  }

  /** The system-level transaction endpoint. */
  static final class SystemProvider {
    private final ResourceStore store;

    SystemProvider(ResourceStore store) {
      this.store = store;
    }

    /** Executes a transaction Bundle, all or nothing. */
    @ca.uhn.fhir.rest.annotation.Transaction
    public Bundle transaction(@ca.uhn.fhir.rest.annotation.TransactionParam Bundle bundle) {
      if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
        throw new InvalidRequestException(
            "Bundle.type is '"
                + (bundle.hasType() ? bundle.getType().toCode() : "")
                + "'; this server accepts only 'transaction' at the base URL");
      }
      return ResourceStore.response(store.transaction(bundle.getEntry()));
    }
  }
}
