package org.crampcare.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;

/** The Device that authors CrampCare's output: the software and its rule book, by version. */
final class DeviceMapper {
  private DeviceMapper() {}

  static Device device(ExportRun run, Identifier identifier) {
    Device d = new Device();
    d.setText(
        new Xhtml()
            .paragraph(
                "CrampCare "
                    + run.softwareVersion
                    + ", rule book "
                    + run.ruleBookVersion
                    + ": software that assesses muscle cramps and proposes advice.")
            .toNarrative());
    d.addIdentifier(identifier);
    d.setStatus(Device.FHIRDeviceStatus.ACTIVE);
    d.setManufacturer("CrampCare");
    d.addDeviceName().setName("CrampCare").setType(Device.DeviceNameType.MANUFACTURERNAME);
    d.addVersion().setValue(run.softwareVersion);
    d.addVersion()
        .setType(new CodeableConcept().setText("rule book"))
        .setValue(run.ruleBookVersion);
    return d;
  }
}
