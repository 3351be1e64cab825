import ShipKPICore

extension XMLReport {
    /// `report.xsd` for a run of `carriers` (the `carrier` type enumerates their ids), written
    /// beside every report.xml and printed by `shipkpi schema`.
    package static func schema(_ carriers: Carriers) -> String {
        template.replacingOccurrences(
            of: carrierEnumeration,
            with: carriers.ids.map { "<xs:enumeration value=\"\(xmlAttributeEscaped($0))\"/>" }.joined())
    }

    /// Where the carrier ids go in ``template``.
    private static let carrierEnumeration = "<xs:enumeration value=\"{carrier}\"/>"

    private static func xmlAttributeEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
    }

    private static let template = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- report.xsd: the schema of shipkpi's report.xml (attributes are named like the CSV columns;
             an empty CSV cell is an absent attribute). -->
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">

          <xs:simpleType name="count"><xs:restriction base="xs:nonNegativeInteger"/></xs:simpleType>
          <xs:simpleType name="integer"><xs:restriction base="xs:integer"/></xs:simpleType>
          <xs:simpleType name="ratio">
            <xs:restriction base="xs:string"><xs:pattern value="-?[0-9]+\\.[0-9]{4}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="hours">
            <xs:restriction base="xs:string"><xs:pattern value="-?[0-9]+\\.[0-9]{2}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="instant">
            <xs:restriction base="xs:string">
              <xs:pattern value="-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="day">
            <xs:restriction base="xs:string"><xs:pattern value="-?[0-9]{4,}-[0-9]{2}-[0-9]{2}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="money">
            <xs:restriction base="xs:string"><xs:pattern value="-?[0-9]+(\\.[0-9]+)?"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="carrier">
            <xs:restriction base="xs:string">
              <xs:enumeration value="{carrier}"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="carrierOrAll">
            <xs:union memberTypes="carrier">
              <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="ALL"/></xs:restriction></xs:simpleType>
            </xs:union>
          </xs:simpleType>
          <xs:simpleType name="canonicalStatus">
            <xs:restriction base="xs:string">
              <xs:enumeration value="CREATED"/><xs:enumeration value="PICKED_UP"/><xs:enumeration value="IN_TRANSIT"/>
              <xs:enumeration value="OUT_FOR_DELIVERY"/><xs:enumeration value="ATTEMPT_FAILED"/><xs:enumeration value="RETURNING"/>
              <xs:enumeration value="DELIVERED"/><xs:enumeration value="RETURNED"/><xs:enumeration value="LOST"/>
              <xs:enumeration value="CONFISCATED"/><xs:enumeration value="CANCELLED"/><xs:enumeration value="UNKNOWN"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="reasonCategory">
            <xs:restriction base="xs:string">
              <xs:enumeration value="RECIPIENT_UNAVAILABLE"/><xs:enumeration value="REFUSED"/><xs:enumeration value="ADDRESS_PROBLEM"/>
              <xs:enumeration value="RESCHEDULED"/><xs:enumeration value="OPERATIONAL_DELAY"/><xs:enumeration value="DAMAGED"/>
              <xs:enumeration value="PROHIBITED"/><xs:enumeration value="OTHER"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="party">
            <xs:restriction base="xs:string">
              <xs:enumeration value="carrier"/><xs:enumeration value="shipper"/><xs:enumeration value="recipient"/>
              <xs:enumeration value="authority"/><xs:enumeration value="unknown"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="codStatus">
            <xs:restriction base="xs:string">
              <xs:enumeration value="MATCHED"/><xs:enumeration value="SHORT"/><xs:enumeration value="OVER"/>
              <xs:enumeration value="NOT_REMITTED"/><xs:enumeration value="NOT_DUE"/><xs:enumeration value="UNEXPECTED"/>
              <xs:enumeration value="DUPLICATE"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="rejectReason">
            <xs:restriction base="xs:string"><xs:pattern value="[a-z][a-z0-9_]*"/></xs:restriction>
          </xs:simpleType>

          <xs:attributeGroup name="summaryKPIs">
            <xs:attribute name="events" type="count" use="required"/>
            <xs:attribute name="orders" type="count" use="required"/>
            <xs:attribute name="delivered" type="count" use="required"/>
            <xs:attribute name="returned" type="count" use="required"/>
            <xs:attribute name="lost" type="count" use="required"/>
            <xs:attribute name="confiscated" type="count" use="required"/>
            <xs:attribute name="cancelled" type="count" use="required"/>
            <xs:attribute name="open" type="count" use="required"/>
            <xs:attribute name="resolved" type="count" use="required"/>
            <xs:attribute name="success_rate" type="ratio"/>
            <xs:attribute name="attempted" type="count" use="required"/>
            <xs:attribute name="first_attempt_delivered" type="count" use="required"/>
            <xs:attribute name="first_attempt_rate" type="ratio"/>
            <xs:attribute name="failed_attempts" type="count" use="required"/>
            <xs:attribute name="lead_time_p50_h" type="hours"/>
            <xs:attribute name="lead_time_p90_h" type="hours"/>
            <xs:attribute name="lead_time_mean_h" type="hours"/>
            <xs:attribute name="open_0_2d" type="count" use="required"/>
            <xs:attribute name="open_3_7d" type="count" use="required"/>
            <xs:attribute name="open_8_14d" type="count" use="required"/>
            <xs:attribute name="open_15d_plus" type="count" use="required"/>
          </xs:attributeGroup>

          <xs:complexType name="summaryRow">
            <xs:attribute name="carrier" type="carrierOrAll" use="required"/>
            <xs:attributeGroup ref="summaryKPIs"/>
          </xs:complexType>
          <xs:complexType name="breakdownRow">
            <xs:attribute name="carrier" type="carrier" use="required"/>
            <xs:attribute name="group" type="xs:string" use="required"/>
            <xs:attributeGroup ref="summaryKPIs"/>
          </xs:complexType>
          <xs:complexType name="definition">
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="name" type="xs:string" use="required"/>
                <xs:attribute name="title" type="xs:string"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>

          <xs:element name="shipkpiReport">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="definitions">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="kpi" type="definition" maxOccurs="unbounded"/>
                      <xs:element name="codStatus" type="definition" maxOccurs="unbounded"/>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="summary">
                  <xs:complexType>
                    <xs:sequence><xs:element name="row" type="summaryRow" maxOccurs="unbounded"/></xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="daily">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="row" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType>
                          <xs:attribute name="carrier" type="carrier" use="required"/>
                          <xs:attribute name="date" type="day" use="required"/>
                          <xs:attribute name="events" type="count" use="required"/>
                          <xs:attribute name="orders_touched" type="count" use="required"/>
                          <xs:attribute name="picked_up" type="count" use="required"/>
                          <xs:attribute name="out_for_delivery" type="count" use="required"/>
                          <xs:attribute name="failed_attempts" type="count" use="required"/>
                          <xs:attribute name="delivered" type="count" use="required"/>
                          <xs:attribute name="returned" type="count" use="required"/>
                          <xs:attribute name="lost" type="count" use="required"/>
                          <xs:attribute name="confiscated" type="count" use="required"/>
                          <xs:attribute name="cancelled" type="count" use="required"/>
                          <xs:attribute name="success_rate" type="ratio"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="reasons">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="row" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType>
                          <xs:attribute name="carrier" type="carrier" use="required"/>
                          <xs:attribute name="code" type="xs:string" use="required"/>
                          <xs:attribute name="label" type="xs:string" use="required"/>
                          <xs:attribute name="category" type="reasonCategory" use="required"/>
                          <xs:attribute name="party" type="party" use="required"/>
                          <xs:attribute name="events" type="count" use="required"/>
                          <xs:attribute name="orders" type="count" use="required"/>
                          <xs:attribute name="share" type="ratio"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="feedback">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="row">
                        <xs:complexType>
                          <xs:attribute name="carrier" type="carrier" use="required"/>
                          <xs:attribute name="orders" type="count" use="required"/>
                          <xs:attribute name="orders_with_requests" type="count" use="required"/>
                          <xs:attribute name="total_requests" type="count" use="required"/>
                          <xs:attribute name="mean_requests" type="ratio"/>
                          <xs:attribute name="orders_0" type="count" use="required"/>
                          <xs:attribute name="orders_1" type="count" use="required"/>
                          <xs:attribute name="orders_2" type="count" use="required"/>
                          <xs:attribute name="orders_3" type="count" use="required"/>
                          <xs:attribute name="orders_4" type="count" use="required"/>
                          <xs:attribute name="orders_5_plus" type="count" use="required"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="orders">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="order" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType>
                          <xs:attribute name="carrier" type="carrier" use="required"/>
                          <xs:attribute name="order_code" type="xs:string" use="required"/>
                          <xs:attribute name="final_status" type="canonicalStatus" use="required"/>
                          <xs:attribute name="final_status_code" type="xs:string" use="required"/>
                          <xs:attribute name="first_event_at" type="instant" use="required"/>
                          <xs:attribute name="final_event_at" type="instant" use="required"/>
                          <xs:attribute name="picked_up_at" type="instant"/>
                          <xs:attribute name="delivered_at" type="instant"/>
                          <xs:attribute name="failed_attempts" type="count" use="required"/>
                          <xs:attribute name="feedback_requests" type="count"/>
                          <xs:attribute name="cod_amount" type="money"/>
                          <xs:attribute name="currency" type="xs:string"/>
                          <xs:attribute name="needs_action" type="xs:boolean" use="required"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="codReconciliation">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="totals">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="total" minOccurs="0" maxOccurs="unbounded">
                              <xs:complexType>
                                <xs:attribute name="status" type="codStatus" use="required"/>
                                <xs:attribute name="currency" type="xs:string" use="required"/>
                                <xs:attribute name="rows" type="count" use="required"/>
                                <xs:attribute name="expected" type="money" use="required"/>
                                <xs:attribute name="remitted" type="money" use="required"/>
                                <xs:attribute name="fees" type="money" use="required"/>
                                <xs:attribute name="net_paid" type="money" use="required"/>
                                <xs:attribute name="difference" type="money" use="required"/>
                              </xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                      <xs:element name="ageing">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="bucket" minOccurs="0" maxOccurs="unbounded">
                              <xs:complexType>
                                <xs:attribute name="days" type="xs:string" use="required"/>
                                <xs:attribute name="currency" type="xs:string" use="required"/>
                                <xs:attribute name="orders" type="count" use="required"/>
                                <xs:attribute name="amount" type="money" use="required"/>
                              </xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                      <xs:element name="rows">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="row" minOccurs="0" maxOccurs="unbounded">
                              <xs:complexType>
                                <xs:attribute name="carrier" type="carrier" use="required"/>
                                <xs:attribute name="order_code" type="xs:string" use="required"/>
                                <xs:attribute name="currency" type="xs:string" use="required"/>
                                <xs:attribute name="cod_amount" type="money"/>
                                <xs:attribute name="final_status" type="canonicalStatus"/>
                                <xs:attribute name="delivered_at" type="instant"/>
                                <xs:attribute name="remitted_amount" type="money"/>
                                <xs:attribute name="fee" type="money"/>
                                <xs:attribute name="difference" type="money"/>
                                <xs:attribute name="status" type="codStatus" use="required"/>
                                <xs:attribute name="days_since_delivery" type="integer"/>
                                <xs:attribute name="net_paid" type="money"/>
                                <xs:attribute name="remitted_at" type="xs:string"/>
                                <xs:attribute name="reference" type="xs:string"/>
                              </xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="remittance_rows" type="count" use="required"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="orderChecks">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="finding" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType>
                          <xs:attribute name="carrier" type="carrier" use="required"/>
                          <xs:attribute name="order_code" type="xs:string" use="required"/>
                          <xs:attribute name="code" type="xs:string" use="required"/>
                          <xs:attribute name="field" type="xs:string" use="required"/>
                          <xs:attribute name="message" type="xs:string" use="required"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="breakdowns">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="breakdown" minOccurs="3" maxOccurs="3">
                        <xs:complexType>
                          <xs:sequence><xs:element name="row" type="breakdownRow" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                          <xs:attribute name="by" use="required">
                            <xs:simpleType>
                              <xs:restriction base="xs:string">
                                <xs:enumeration value="province"/><xs:enumeration value="service"/><xs:enumeration value="courier"/>
                              </xs:restriction>
                            </xs:simpleType>
                          </xs:attribute>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:element name="dataQuality">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="records">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="kind" maxOccurs="unbounded">
                              <xs:complexType>
                                <xs:attribute name="name" type="xs:string" use="required"/>
                                <xs:attribute name="count" type="count" use="required"/>
                              </xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                      <xs:element name="carriers">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="carrier" maxOccurs="unbounded">
                              <xs:complexType>
                                <xs:attribute name="id" type="carrier" use="required"/>
                                <xs:attribute name="accepted_events" type="count" use="required"/>
                                <xs:attribute name="duplicates" type="count" use="required"/>
                                <xs:attribute name="date_fallbacks_received_at" type="count" use="required"/>
                                <xs:attribute name="date_fallbacks_as_of" type="count" use="required"/>
                              </xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                      <xs:element name="rejects">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="reason" minOccurs="0" maxOccurs="unbounded">
                              <xs:complexType>
                                <xs:attribute name="code" type="rejectReason" use="required"/>
                                <xs:attribute name="count" type="count" use="required"/>
                              </xs:complexType>
                            </xs:element>
                          </xs:sequence>
                          <xs:attribute name="total" type="count" use="required"/>
                        </xs:complexType>
                      </xs:element>
                      <xs:element name="unknownStatusCodes">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="code" minOccurs="0" maxOccurs="unbounded">
                              <xs:complexType>
                                <xs:attribute name="carrier" type="carrier" use="required"/>
                                <xs:attribute name="code" type="xs:string" use="required"/>
                                <xs:attribute name="events" type="count" use="required"/>
                              </xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                      <xs:element name="inputs">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="input" minOccurs="0" maxOccurs="unbounded">
                              <xs:complexType><xs:attribute name="path" type="xs:string" use="required"/></xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="lines" type="count" use="required"/>
                    <xs:attribute name="blank_lines" type="count" use="required"/>
                    <xs:attribute name="envelopes" type="count" use="required"/>
                    <xs:attribute name="filtered_out" type="count" use="required"/>
                    <xs:attribute name="order_records" type="count" use="required"/>
                    <xs:attribute name="remittance_rows" type="count" use="required"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="version" type="xs:string" use="required"/>
              <xs:attribute name="as_of" type="instant" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>

        """
}
