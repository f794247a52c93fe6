package io.hilbench.adapters.opcua;

import io.hilbench.points.PointTable;
import io.hilbench.points.PointTableListener;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import io.hilbench.runtime.Quality;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.model.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.hilbench.adapters.opcua.TestPlant.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plant server over a real TCP socket with Milo's client, anonymous on the None endpoint: address space, typed
 * reads, status codes (OPC UA Part 4 §7.39 / Part 8 §6.3.2), writes through the point table, subscriptions, and the
 * one-state-per-Read guarantee (DESIGN §3). One server for the whole class: Milo's first start in a JVM takes ~3 s.
 */
class OpcUaPlantServerTest {
    @TempDir
    static Path pkiDir;

    static PointTable table;
    static OpcUaPlantServer server;
    static OpcUaClient client;

    @BeforeAll
    static void start() throws Exception {
        table = TestPlant.table();
        TestPlant.publish(table, TestPlant.Frame.of(1, 5.0, 95.0, 1.0, true, 36.0));
        OpcUaServerSettings settings = OpcUaServerSettings.loopback(TestPlant.freePort(), "/plant", TestPlant.NS, TestPlant.APP_URI, pkiDir);
        server = new OpcUaPlantServer(table, settings);
        server.start();
        client = TestPlant.connectNone(server.endpointUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.disconnect();
        if (server != null) server.stop();
    }

    private static DataValue read(String tag) throws Exception {
        return client.readValue(0.0, TimestampsToReturn.Both, node(client, tag));
    }

    private static StatusCode write(String tag, Variant v) throws Exception {
        return client.writeValues(List.of(node(client, tag)), List.of(DataValue.valueOnly(v))).get(0);
    }

    @Test
    void endpointUrlIsTheAdvertisedHostPortAndPath() {
        assertThat(server.endpointUrl()).matches("opc\\.tcp://127\\.0\\.0\\.1:\\d+/plant");
    }

    @Test
    void browseTreeIsRootFolderUnderObjectsThenOpcuaPathFolders() throws Exception {
        // DESIGN §6: a browse tree by plant area; folders from opcuaPath under one root folder organised by Objects
        List<String> underObjects = names(client.getAddressSpace().browse(NodeIds.ObjectsFolder));
        assertThat(underObjects).contains("Plant");

        NodeId plant = new NodeId(client.getNamespaceTable().getIndex(TestPlant.NS), "Plant");
        assertThat(names(client.getAddressSpace().browse(plant))).containsExactlyInAnyOrder("Site", "HeatPump", "Test", "Bench");
        NodeId heatPump = childId(plant, "HeatPump");
        assertThat(names(client.getAddressSpace().browse(heatPump))).containsExactlyInAnyOrder("Refrigerant", "Compressors", "Water");
        assertThat(names(client.getAddressSpace().browse(childId(heatPump, "Refrigerant")))).containsExactly("PT-202");
        assertThat(names(client.getAddressSpace().browse(childId(heatPump, "Compressors"))))
                .containsExactlyInAnyOrder("C-211.Running", "C-211.SpeedSet", "C-211.Enable");
    }

    @Test
    void nodeIdIsNamespaceUriPlusTagAndPointsWithoutOpcuaPathAreNotServed() throws Exception {
        NodeId byUri = ExpandedNodeId.parse("nsu=" + TestPlant.NS + ";s=PT-202").toNodeId(client.getNamespaceTable()).orElseThrow();
        assertThat(client.readValue(0.0, TimestampsToReturn.Neither, byUri).statusCode().isGood()).isTrue();
        // Part 4 §7.39: an unknown node answers Bad_NodeIdUnknown
        assertThat(read("XV-231.Hidden").statusCode().value()).isEqualTo(StatusCodes.Bad_NodeIdUnknown);
    }

    @Test
    void valuesAreTypedByOpcuaTypeAndDescribed() throws Exception {
        TestPlant.publish(table, TestPlant.Frame.of(1, 5.0, 95.0, 1.0, true, 36.0));
        assertThat(read("PT-202").value().value()).isEqualTo(95.0);
        assertThat(read("TT-101").value().value()).isInstanceOf(Double.class);
        assertThat((Double) read("TT-101").value().value()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(read("FT-271").value().value()).isInstanceOf(Float.class);
        assertThat(read("C-211.Running").value().value()).isEqualTo(true);
        assertThat(read("P-271.SpeedSet").value().value()).isInstanceOf(Short.class);
        assertThat(read("BENCH.Step").value().value()).isEqualTo(UInteger.valueOf(1));
        assertThat(read("BENCH.PlantTimeMs").value().value()).isEqualTo(ULong.valueOf(100));
        assertThat(read("BENCH.Heartbeat").value().value()).isInstanceOf(UShort.class);
        assertThat(read("BENCH.Mode").value().value()).isEqualTo(0);
        assertThat(read("SITE.Name").value().value()).isEqualTo("Solrod Havdrup");

        var pt = client.getAddressSpace().getVariableNode(node(client, "PT-202"));
        assertThat(pt.getDataType()).isEqualTo(NodeIds.Double);
        assertThat(pt.getDescription()).isEqualTo(LocalizedText.english("Gas cooler pressure"));
        assertThat(client.getAddressSpace().getVariableNode(node(client, "BENCH.Step")).getDataType()).isEqualTo(NodeIds.UInt32);
        assertThat(client.getAddressSpace().getVariableNode(node(client, "SITE.Name")).getDataType()).isEqualTo(NodeIds.String);
    }

    @Test
    void analogItemCarriesEuRangeAndUneceEngineeringUnits() throws Exception {
        // Part 8 §5.3.2: AnalogItemType with EURange; §5.6.3 EUInformation: UNECE code packed into unitId ("BAR")
        var pt = (AnalogItemTypeNode) client.getAddressSpace().getVariableNode(node(client, "PT-202"));
        assertThat(pt.getEuRange()).isEqualTo(new Range(0.0, 150.0));
        EUInformation eu = pt.getEngineeringUnits();
        assertThat(eu.getNamespaceUri()).isEqualTo("http://www.opcfoundation.org/UA/units/un/cefact");
        assertThat(eu.getUnitId()).isEqualTo(('B' << 16) | ('A' << 8) | 'R');
        assertThat(eu.getDisplayName().text()).isEqualTo("bar");

        var pct = (AnalogItemTypeNode) client.getAddressSpace().getVariableNode(node(client, "P-271.SpeedSet"));
        assertThat(pct.getEngineeringUnits().getUnitId()).isEqualTo(20529); // "P1" = percent, the library notes' example
        // no limits given: the EURange is the DataType's own range (documented in PlantNamespace.euRange)
        var torn = (AnalogItemTypeNode) client.getAddressSpace().getVariableNode(node(client, "TORN-A"));
        assertThat(torn.getEuRange()).isEqualTo(new Range(-Double.MAX_VALUE, Double.MAX_VALUE));
    }

    @Test
    void accessLevelsFollowWhoMayWrite() throws Exception {
        assertThat(client.getAddressSpace().getVariableNode(node(client, "C-211.SpeedSet")).getUserAccessLevel().intValue() & 0x02).isEqualTo(0x02);
        assertThat(client.getAddressSpace().getVariableNode(node(client, "BENCH.Ack")).getUserAccessLevel().intValue() & 0x02).isEqualTo(0x02);
        assertThat(client.getAddressSpace().getVariableNode(node(client, "PT-202")).getUserAccessLevel().intValue() & 0x02).isZero();
        assertThat(client.getAddressSpace().getVariableNode(node(client, "BENCH.Step")).getUserAccessLevel().intValue() & 0x02).isZero();
    }

    @Test
    void actuatorWriteIsAppliedAndReadsBack() throws Exception {
        assertThat(write("C-211.SpeedSet", Variant.ofDouble(45.5))).isEqualTo(StatusCode.GOOD);
        assertThat(read("C-211.SpeedSet").value().value()).isEqualTo(45.5);
        assertThat(table.state().value(table.indexOf("C-211.SpeedSet"))).isEqualTo(45.5);

        assertThat(write("P-271.SpeedSet", Variant.ofInt16((short) 80))).isEqualTo(StatusCode.GOOD);
        assertThat(read("P-271.SpeedSet").value().value()).isEqualTo((short) 80);
        assertThat(write("C-211.Enable", Variant.ofBoolean(true))).isEqualTo(StatusCode.GOOD);
        assertThat(read("C-211.Enable").value().value()).isEqualTo(true);
    }

    @Test
    void outOfRangeWriteIsBadOutOfRangeAndLeavesTheValue() throws Exception {
        // DESIGN §6 on_out_of_range=reject -> Bad_OutOfRange (Part 4 §7.39)
        assertThat(write("C-211.SpeedSet", Variant.ofDouble(30.0))).isEqualTo(StatusCode.GOOD);
        assertThat(write("C-211.SpeedSet", Variant.ofDouble(95.0)).value()).isEqualTo(StatusCodes.Bad_OutOfRange);
        assertThat(write("C-211.SpeedSet", Variant.ofDouble(Double.NaN)).value()).isEqualTo(StatusCodes.Bad_OutOfRange);
        assertThat(read("C-211.SpeedSet").value().value()).isEqualTo(30.0);
    }

    @Test
    void writeToSensorIsBadUserAccessDenied() throws Exception {
        // the one code this server answers for read-only points (class comment of OpcUaPlantServer)
        double before = (Double) read("PT-202").value().value();
        assertThat(write("PT-202", Variant.ofDouble(10.0)).value()).isEqualTo(StatusCodes.Bad_UserAccessDenied);
        assertThat(write("BENCH.Step", Variant.ofUInt32(UInteger.valueOf(7))).value()).isEqualTo(StatusCodes.Bad_UserAccessDenied);
        assertThat(read("PT-202").value().value()).isEqualTo(before);
    }

    @Test
    void wronglyTypedWriteIsBadTypeMismatch() throws Exception {
        // Part 4 §5.10.4: a value not of the attribute's DataType -> Bad_TypeMismatch; strict, no numeric widening
        assertThat(write("C-211.SpeedSet", Variant.ofInt32(40)).value()).isEqualTo(StatusCodes.Bad_TypeMismatch);
        assertThat(write("C-211.SpeedSet", Variant.ofFloat(40f)).value()).isEqualTo(StatusCodes.Bad_TypeMismatch);
        assertThat(write("C-211.SpeedSet", Variant.ofString("40")).value()).isEqualTo(StatusCodes.Bad_TypeMismatch);
        assertThat(write("C-211.Enable", Variant.ofDouble(1.0)).value()).isEqualTo(StatusCodes.Bad_TypeMismatch);
        assertThat(write("BENCH.Ack", Variant.ofInt32(3)).value()).isEqualTo(StatusCodes.Bad_TypeMismatch);
        assertThat(write("C-211.SpeedSet", Variant.NULL_VALUE).value()).isEqualTo(StatusCodes.Bad_TypeMismatch);
    }

    @Test
    void oneWriteCallCommitsAllValidValuesInOneTableWriteAndRefusesEachInvalidOne() throws Exception {
        // DESIGN §4 item 8: the Ack written in the same call as the outputs commits together with them
        List<List<PointWrite>> writes = new CopyOnWriteArrayList<>();
        PointTableListener l = new PointTableListener() {
            @Override
            public void written(TableState after, List<PointWrite> w, String origin) {
                writes.add(w);
            }
        };
        table.addListener(l);
        try {
            List<StatusCode> results = client.writeValues(
                    List.of(node(client, "C-211.SpeedSet"), node(client, "PT-202"), node(client, "P-271.SpeedSet"),
                            node(client, "C-211.Enable"), node(client, "BENCH.Ack")),
                    List.of(DataValue.valueOnly(Variant.ofDouble(50.0)), DataValue.valueOnly(Variant.ofDouble(1.0)),
                            DataValue.valueOnly(Variant.ofInt16((short) 101)), DataValue.valueOnly(Variant.ofInt32(1)),
                            DataValue.valueOnly(Variant.ofUInt32(UInteger.valueOf(42)))));
            assertThat(results).extracting(StatusCode::value).containsExactly(StatusCodes.Good, StatusCodes.Bad_UserAccessDenied,
                    StatusCodes.Bad_OutOfRange, StatusCodes.Bad_TypeMismatch, StatusCodes.Good);
            assertThat(writes).hasSize(1);
            assertThat(writes.get(0)).extracting(PointWrite::pointIndex)
                    .containsExactly(table.indexOf("C-211.SpeedSet"), table.indexOf("BENCH.Ack"));
            assertThat(read("BENCH.Ack").value().value()).isEqualTo(UInteger.valueOf(42));
        } finally {
            table.removeListener(l);
        }
    }

    @Test
    void sensorQualityShowsAsStatusCode() throws Exception {
        TestPlant.Frame good = TestPlant.Frame.of(2, 5.0, 95.0, 2.0, true, 36.0);
        try {
            // Part 8 §6.3.2 / Part 4 DataValue: a failed sensor is Bad_SensorFailure and its value null
            TestPlant.publish(table, good.withQuality("gasCoolerPressurePa", Quality.BAD));
            DataValue bad = read("PT-202");
            assertThat(bad.statusCode().value()).isEqualTo(StatusCodes.Bad_SensorFailure);
            assertThat(bad.value().isNull()).isTrue();

            TestPlant.publish(table, good.withQuality("airTemperatureK", Quality.UNCERTAIN));
            assertThat(read("TT-101").statusCode().value()).isEqualTo(StatusCodes.Uncertain_SensorNotAccurate);
            TestPlant.publish(table, TestPlant.Frame.of(3, 60.0, 95.0, 2.0, true, 36.0).withQuality("airTemperatureK", Quality.UNCERTAIN));
            DataValue exceeded = read("TT-101");
            assertThat(exceeded.statusCode().value()).isEqualTo(StatusCodes.Uncertain_EngineeringUnitsExceeded);
            assertThat((Double) exceeded.value().value()).isCloseTo(60.0, org.assertj.core.data.Offset.offset(1e-9));
        } finally {
            TestPlant.publish(table, good);
        }
        assertThat(read("PT-202").statusCode().isGood()).isTrue();
    }

    @Test
    void subscriptionDeliversPublishedChanges() throws Exception {
        OpcUaSubscription sub = new OpcUaSubscription(client, 50.0);
        sub.create();
        try {
            List<Object> seen = new CopyOnWriteArrayList<>();
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node(client, "PT-202"));
            item.setSamplingInterval(20.0);
            item.setDataValueListener((it, dv) -> seen.add(dv.value().value()));
            sub.addMonitoredItem(item);
            sub.synchronizeMonitoredItems();
            await("initial PT-202 notification").atMost(Duration.ofSeconds(60)).until(() -> !seen.isEmpty());
            for (int i = 0; i < 3; i++) {
                double bar = 100.0 + i;
                TestPlant.publish(table, TestPlant.Frame.of(10 + i, 5.0, bar, 0.0, true, 36.0));
                await("PT-202 = " + bar + " notified").atMost(Duration.ofSeconds(60)).until(() -> seen.contains(bar));
            }
        } finally {
            sub.delete();
            TestPlant.publish(table, TestPlant.Frame.of(20, 5.0, 95.0, 0.0, true, 36.0));
        }
    }

    @Test
    void oneReadCallNeverMixesTwoPublishedStates() throws Exception {
        // DESIGN §3 item 4: every OPC UA service call is answered from one pinned snapshot. TORN-A and TORN-B are equal in
        // every published frame; a publisher thread publishes as fast as it can while the client reads both in one call.
        AtomicBoolean running = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            long n = 0;
            while (running.get()) {
                n++;
                TestPlant.publish(table, TestPlant.Frame.of(100 + n, 5.0, 95.0, n, true, 36.0));
            }
        }, "torn-read-publisher");
        publisher.start();
        List<double[]> pairs = new ArrayList<>();
        try {
            List<NodeId> ids = List.of(node(client, "TORN-A"), node(client, "BENCH.Step"), node(client, "TORN-B"));
            // read until the frames have changed under the reads at least 100 times (bounded): how many reads that
            // takes depends on how much CPU the publisher gets, so the count of reads is not fixed
            java.util.Set<Double> seen = new java.util.HashSet<>();
            for (int i = 0; i < 20_000 && seen.size() <= 100; i++) {
                List<DataValue> v = client.readValues(0.0, TimestampsToReturn.Neither, ids);
                pairs.add(new double[] {(Double) v.get(0).value().value(), (Double) v.get(2).value().value()});
                seen.add((Double) v.get(0).value().value());
            }
        } finally {
            running.set(false);
            publisher.join();
        }
        assertThat(pairs).allSatisfy(p -> assertThat(p[0]).as("TORN-A vs TORN-B in one Read").isEqualTo(p[1]));
        // the check could fail: the frames did change under the reads
        assertThat(pairs.stream().mapToDouble(p -> p[0]).distinct().count()).isGreaterThan(100);
        TestPlant.publish(table, TestPlant.Frame.of(1, 5.0, 95.0, 1.0, true, 36.0));
    }

    @Test
    void writesToFoldersAndPropertiesAreRefusedByMilo() throws Exception {
        NodeId plant = new NodeId(client.getNamespaceTable().getIndex(TestPlant.NS), "Plant");
        StatusCode sc = client.write(List.of(new org.eclipse.milo.opcua.stack.core.types.structured.WriteValue(plant,
                AttributeId.DisplayName.uid(), null, DataValue.valueOnly(Variant.ofLocalizedText(LocalizedText.english("x"))))))
                .getResults()[0];
        assertThat(sc.isBad()).isTrue();
        DataValue name = client.read(0.0, TimestampsToReturn.Neither, List.of(new ReadValueId(plant, AttributeId.DisplayName.uid(), null, null)))
                .getResults()[0];
        assertThat(name.value().value()).isEqualTo(LocalizedText.english("Plant"));
    }

    private static List<String> names(List<ReferenceDescription> refs) {
        return refs.stream().map(r -> r.getBrowseName().name()).toList();
    }

    private static NodeId childId(NodeId parent, String name) throws Exception {
        return client.getAddressSpace().browse(parent).stream()
                .filter(r -> r.getBrowseName().name().equals(name)).findFirst().orElseThrow()
                .getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
    }
}
