/**
 * CrampCare's JSON documents: episodes, patient context, assessments and assessment requests, with
 * a documented, versioned schema ({@code docs/json-schema.md}) that does not depend on Java names.
 * Start with {@link org.crampcare.json.CrampCareJson}.
 */
@NullMarked
package org.crampcare.json;

import org.jspecify.annotations.NullMarked;
