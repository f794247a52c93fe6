package io.hilbench.points;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The address grammar of DESIGN §6, including the 6-digit Modicon form. */
class ModbusAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // text                          | unit | area | address | bit | type    | order | registers
            "1:ir:0:float32:CDAB             | 1    | ir   | 0       | -1  | float32 | CDAB  | 2",
            "1:hr:100:uint16                 | 1    | hr   | 100     | -1  | uint16  | ABCD  | 1",
            "1:coil:5:bool                   | 1    | coil | 5       | -1  | bool    | ABCD  | 1",
            "1:ir:40.3:bool                  | 1    | ir   | 40      | 3   | bool    | ABCD  | 1",
            "2:hr:10:uint64                  | 2    | hr   | 10      | -1  | uint64  | ABCD  | 4",
            "1:300001:float32                | 1    | ir   | 0       | -1  | float32 | ABCD  | 2",
            "1:400001:int16                  | 1    | hr   | 0       | -1  | int16   | ABCD  | 1",
            "3:400011.15:bool                | 3    | hr   | 10      | 15  | bool    | ABCD  | 1",
            "1:100005:bool                   | 1    | di   | 4       | -1  | bool    | ABCD  | 1",
            "1:000012:bool                   | 1    | coil | 11      | -1  | bool    | ABCD  | 1",
            "1:hr:7:string(10)               | 1    | hr   | 7       | -1  | string(10) | ABCD | 5",
            "1:hr:9:enum(0=Off,1=On):ABCD    | 1    | hr   | 9       | -1  | enum(0=Off,1=On) | ABCD | 1",
    })
    void parsesTheGrammar(String text, int unit, String area, int address, int bit, String type, String order, int registers) {
        ModbusAddress a = ModbusAddress.parse(text);
        assertThat(a.unitId()).isEqualTo(unit);
        assertThat(a.area()).isEqualTo(Area.fromCode(area));
        assertThat(a.address()).isEqualTo(address);
        assertThat(a.bit()).isEqualTo(bit);
        assertThat(a.type()).hasToString(type);
        assertThat(a.order()).isEqualTo(WordOrder.parse(order));
        assertThat(a.registerCount()).isEqualTo(registers);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1:hr:0                | has no type",
            "1:xx:0:uint16         | unknown Modbus area 'xx'",
            "1:hr:abc:uint16       | address 'abc' is not a whole number",
            "1:hr:0:float32:ABDC   | unknown word order 'ABDC'",
            "1:hr:0:real           | unknown type 'real'",
            "1:coil:0:uint16       | holds single bits",
            "1:hr:3.16:bool        | bit must be 0..15",
            "1:hr:3.2:uint16       | must have type bool",
            "300:hr:0:uint16       | unit id must be 0..255",
            "1:hr:65535:float32    | address must be 0..65535",
            "1:200001:uint16       | in no area",
    })
    void rejectsWithAMessageThatNamesTheMistake(String text, String message) {
        assertThatThrownBy(() -> ModbusAddress.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
