package io.hilbench.rig;

import io.hilbench.points.BaseType;
import io.hilbench.points.Codec;
import io.hilbench.points.Failsafe;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.OutOfRangePolicy;
import io.hilbench.points.PointDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Point-map CSV reading: RFC 4180 quoting, comments, defaults of empty columns (DESIGN §6). */
class PointMapReaderTest {
    private static final String HEADER = String.join(",", PointMapReader.COLUMNS) + "\n";

    private static PointMapReader.Result read(String body) throws IOException {
        return new PointMapReader(PointMapReader.Role.PLANT).read(new StringReader(HEADER + body), "map.csv");
    }

    @Test
    void aQuotedEnumTypeKeepsItsCommas() throws IOException {
        // RFC 4180 §2.6: a field containing commas is enclosed in double quotes
        var r = read("G-511.State,\"CHP state, as reported\",status,,\"1:ir:5:enum(0=Off,1=Starting,2=Running)\",,,Network,,,,Running,,,,plant.chp.state\n");
        assertThat(r.errors()).isEmpty();
        PointDefinition p = r.points().get(0);
        assertThat(p.description()).isEqualTo("CHP state, as reported");
        assertThat(p.modbus().type().enumLabels()).containsEntry(0, "Off").containsEntry(1, "Starting").containsEntry(2, "Running");
        assertThat(p.initial()).as("initial given as a label").isEqualTo(2.0);
        assertThat(p.opcuaType()).isEqualTo(OpcUaType.INT32);
    }

    @Test
    void doubledQuotesInsideAQuotedValueAndLineBreaks() throws IOException {
        // RFC 4180 §2.7: a double quote inside a quoted field is written twice; §2.6: line breaks may be quoted
        var r = read("TT-101,\"Air \"\"outdoor\"\"\nnorth side\",sensor,degC,1:ir:0:float32,,,Site,,-40,50,,,,,plant.weather.airTemperatureK\n"
                + "TT-102,second,sensor,degC,1:ir:2:float32,,,Site,,,,,,,,plant.weather.airTemperatureK\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.points().get(0).description()).isEqualTo("Air \"outdoor\"\nnorth side");
        assertThat(r.points().get(1).line()).as("line numbers count the quoted line break").isEqualTo(4);
    }

    @Test
    void commentAndBlankLinesAreSkippedAndLinesStayTrue() throws IOException {
        var r = read("# a comment\n\n   # indented comment\n,,,,,,,,,,,,,,,\n"
                + "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump,,,,,,,,plant.hp.gasCoolerPressurePa\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.points()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.file()).isEqualTo("map.csv");
        });
    }

    @Test
    void emptyColumnsTakeTheirDefaults() throws IOException {
        var r = read("C-211.SpeedSet,S,actuator,Hz,1:hr:0:uint16,,,,,,,,,,,input.hp.compressor1.speedSetHz\n"
                + "PT-202,P,sensor,bar,,,,HeatPump/Refrigerant,,,,,,,,plant.hp.gasCoolerPressurePa\n"
                + "C-211.Speed,S,sensor,Hz,1:ir:0:uint16,0.1,,HeatPump,,,,,,,,plant.hp.compressor1.speedHz\n");
        assertThat(r.errors()).isEmpty();
        PointDefinition a = r.points().get(0);
        assertThat(a.scale()).isEqualTo(1.0);
        assertThat(a.offset()).isEqualTo(0.0);
        assertThat(a.opcuaPath()).as("empty opcua column: not on OPC UA").isNull();
        assertThat(a.opcuaType()).isEqualTo(OpcUaType.UINT16);
        assertThat(a.min()).isNaN();
        assertThat(a.max()).isNaN();
        assertThat(a.failsafe()).isEqualTo(Failsafe.HOLD);
        assertThat(a.onOutOfRange()).isEqualTo(OutOfRangePolicy.REJECT);
        assertThat(a.badRaw()).isEqualTo(Codec.defaultBadRaw(a.modbus().type()));
        assertThat(r.points().get(1).opcuaType()).as("no Modbus: Double").isEqualTo(OpcUaType.DOUBLE);
        assertThat(r.points().get(1).modbus()).isNull();
        assertThat(r.points().get(2).opcuaType()).as("scaled integer: Double").isEqualTo(OpcUaType.DOUBLE);
    }

    @Test
    void initialTakesBooleansEnumCodesAndText() throws IOException {
        var r = read("ES-101,E,constant,,1:di:0:bool,,,Site,,,,true,,,,const.eStopHealthy\n"
                + "BENCH.Mode,M,bench,,\"1:ir:0:enum(0=Realtime,2=Lockstep)\",,,Bench,,,,2,,,,bench.mode\n"
                + "SITE.Name,N,constant,,1:ir:1:string(10),,,Site,,,,\"  Havdrup\",,,,const.siteName\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.points().get(0).initial()).isEqualTo(1.0);
        assertThat(r.points().get(1).initial()).isEqualTo(2.0);
        assertThat(r.points().get(2).initialText()).as("quoted text keeps its spaces").isEqualTo("  Havdrup");
        assertThat(r.points().get(2).modbus().type().base()).isEqualTo(BaseType.STRING);
    }

    @Test
    void aRowReportsAllOfItsMistakes() throws IOException {
        var r = read("PT-202,P,sensr,barg,1:ir:0:float32,,,HeatPump,Float128,,,,wrap,,,plant.hp.gasCoolerPressurePa\n");
        assertThat(r.points()).isEmpty();
        assertThat(r.errors()).extracting(RigError::field).containsExactly("kind", "unit", "opcua_type", "on_out_of_range");
        assertThat(r.errors()).allMatch(e -> e.line() == 2 && e.file().equals("map.csv"));
    }

    @Test
    void aWrongHeaderIsReportedOnce() throws IOException {
        var r = new PointMapReader(PointMapReader.Role.PLANT).read(new StringReader("tag,kind,unit\nPT-1,sensor,bar\n"), "m.csv");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("header");
            assertThat(e.line()).isEqualTo(1);
        });
    }

    @Test
    void aControllerMapRefusesPlantKinds() throws IOException {
        var r = new PointMapReader(PointMapReader.Role.CONTROLLER).read(new StringReader(HEADER
                + "CTL.Start,S,command,,1:coil:0:bool,,,C,,,,,,,,controller.start\n"
                + "CTL.State,S,status,,1:ir:0:uint16,,,C,,,,,,,,plant.hp.compressor1.running\n"), "c.csv");
        assertThat(r.points()).extracting(PointDefinition::tag).containsExactly("CTL.Start");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("binding");
            assertThat(e.message()).contains("a status point in a controller map binds to controller.<name>");
        });
        assertThat(List.of(r.points().get(0).clientWritable())).containsExactly(true);
    }
}
