package org.crampcare.fhir.testserver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The FHIR REST servlet over a {@link ResourceStore}, with its access interceptor. */
final class FhirEndpoint {
  private final ResourceStore store;
  private final AccessInterceptor access;
  private final RestfulServer servlet;

  FhirEndpoint(
      FhirContext ctx,
      ResourceStore store,
      AccessInterceptor access,
      int pageSize,
      Collection<String> resourceTypes) {
    this.store = store;
    this.access = access;
    this.servlet = new RestfulServer(ctx);
    List<IResourceProvider> providers = new ArrayList<>();
    for (String type : resourceTypes) {
      Class<? extends IBaseResource> implementation =
          ctx.getResourceDefinition(type).getImplementingClass();
      providers.add(new StoreResourceProvider(implementation, type, store));
    }
    servlet.setResourceProviders(providers);
    servlet.registerProvider(new StoreResourceProvider.SystemProvider(store));
    FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(200);
    paging.setDefaultPageSize(pageSize);
    paging.setMaximumPageSize(Math.max(pageSize, 500));
    servlet.setPagingProvider(paging);
    servlet.setDefaultResponseEncoding(EncodingEnum.JSON);
    // _include: the store attaches exactly the requested targets to the references.
    servlet.setBundleInclusionRule(BundleInclusionRule.BASED_ON_RESOURCE_PRESENCE);
    servlet.setServerName("CrampCare in-process FHIR server");
    servlet.registerInterceptor(access);
  }

  ResourceStore store() {
    return store;
  }

  AccessInterceptor access() {
    return access;
  }

  RestfulServer servlet() {
    return servlet;
  }
}
