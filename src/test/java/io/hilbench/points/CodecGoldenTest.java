package io.hilbench.points;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden tests from wire words to values (PLC4X habit: codecs are tested on the wire). Each row gives the
 * words as they travel in the PDU, in hex, for one type and word order. Expected words were worked out by hand
 * from the IEEE 754 / two's complement bit patterns, e.g. 123.456f = 0x42F6E979.
 */
class CodecGoldenTest {

    private static int[] words(String hex) {
        String[] parts = hex.trim().split("\\s+");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) w[i] = Integer.parseInt(parts[i], 16);
        return w;
    }

    private static String hex(int[] w) {
        StringBuilder b = new StringBuilder();
        for (int x : w) b.append(b.length() > 0 ? " " : "").append(String.format("%04X", x));
        return b.toString();
    }

    @ParameterizedTest(name = "{0} {1} {2} <-> {3}")
    @CsvSource({
            // type,   order, value,            wire words
            "int16,   ABCD, -2,                FFFE",
            "int16,   ABCD, 32767,             7FFF",
            "int16,   BADC, -2,                FEFF",
            "uint16,  ABCD, 65535,             FFFF",
            "uint16,  DCBA, 258,               0201",
            "int32,   ABCD, -123456789,        F8A4 32EB",
            "int32,   CDAB, -123456789,        32EB F8A4",
            "int32,   BADC, -123456789,        A4F8 EB32",
            "int32,   DCBA, -123456789,        EB32 A4F8",
            "uint32,  ABCD, 4000000000,        EE6B 2800",
            "uint32,  CDAB, 4000000000,        2800 EE6B",
            "float32, ABCD, 123.456,           42F6 E979",
            "float32, CDAB, 123.456,           E979 42F6",
            "float32, BADC, 123.456,           F642 79E9",
            "float32, DCBA, 123.456,           79E9 F642",
            "float32, ABCD, -0.5,              BF00 0000",
            "float64, ABCD, 1.0,               3FF0 0000 0000 0000",
            "float64, CDAB, 1.0,               0000 0000 0000 3FF0",
            "float64, BADC, 1.0,               F03F 0000 0000 0000",
            "float64, DCBA, -2.5,              0000 0000 0000 04C0",
            "int64,   ABCD, -1,                FFFF FFFF FFFF FFFF",
            "int64,   ABCD, 86400000,          0000 0000 0526 5C00",
            "int64,   CDAB, 86400000,          5C00 0526 0000 0000",
            "uint64,  ABCD, 1735689600000,     0000 0194 1F29 7C00",
            "uint64,  DCBA, 1735689600000,     007C 291F 9401 0000",
            "bool,    ABCD, 1,                 0001",
    })
    void encodesAndDecodesOnTheWire(String type, String order, double value, String wire) {
        PointType t = PointType.parse(type);
        WordOrder o = WordOrder.parse(order);
        int[] out = new int[t.registers()];
        Codec.encode(t, o, value, out, 0);
        assertThat(hex(out)).isEqualTo(wire);
        double back = Codec.decode(t, o, words(wire), 0);
        if (t.base() == BaseType.FLOAT32) assertThat(back).isEqualTo((double) (float) value);
        else assertThat(back).isEqualTo(value);
    }

    @Test
    void uint64AboveTwoToThe63KeepsItsBitPattern() {
        // 2^63 + 2^12: the top bit set, so a signed long would read it as negative
        double raw = 0x1p63 + 4096;
        int[] out = new int[4];
        Codec.encode(PointType.parse("uint64"), WordOrder.ABCD, raw, out, 0);
        assertThat(hex(out)).isEqualTo("8000 0000 0000 1000");
        assertThat(Codec.decode(PointType.parse("uint64"), WordOrder.ABCD, out, 0)).isEqualTo(raw);
    }

    @ParameterizedTest(name = "{0} words {1}")
    @CsvSource({
            "ABCD, 0x0123456789ABCDEF, 0123 4567 89AB CDEF",
            "CDAB, 0x0123456789ABCDEF, CDEF 89AB 4567 0123",
            "BADC, 0x0123456789ABCDEF, 2301 6745 AB89 EFCD",
            "DCBA, 0x0123456789ABCDEF, EFCD AB89 6745 2301",
    })
    void sixtyFourBitWordPermutations(String order, String bits, String wire) {
        long v = Long.parseUnsignedLong(bits.substring(2), 16);
        int[] out = new int[4];
        Codec.encodeLong(v, 4, WordOrder.parse(order), out, 0);
        assertThat(hex(out)).isEqualTo(wire);
        assertThat(Codec.decodeLong(4, WordOrder.parse(order), words(wire), 0)).isEqualTo(v);
    }

    @Test
    void stringsTravelTwoCharactersPerRegisterHighByteFirstNulPadded() {
        int[] out = new int[3];
        Codec.encodeString("Solrd", 6, WordOrder.ABCD, out, 0);
        assertThat(hex(out)).isEqualTo("536F 6C72 6400");
        assertThat(Codec.decodeString(6, WordOrder.ABCD, out, 0)).isEqualTo("Solrd");
        Codec.encodeString("AB", 2, WordOrder.BADC, out, 0);
        assertThat(out[0]).isEqualTo(0x4241);
        assertThat(Codec.decodeString(2, WordOrder.BADC, out, 0)).isEqualTo("AB");
    }

    @Test
    void stringsLongerThanTheirFieldAreTruncated() {
        int[] out = new int[2];
        Codec.encodeString("Havdrup", 3, WordOrder.ABCD, out, 0);
        assertThat(Codec.decodeString(3, WordOrder.ABCD, out, 0)).isEqualTo("Hav");
    }

    @ParameterizedTest(name = "{0}: raw {1} fits = {2}")
    @CsvSource({
            "int16, 32767, true", "int16, 32768, false", "int16, -32768, true", "int16, -32769, false",
            "uint16, -1, false", "uint16, 65535, true", "uint32, 4294967295, true", "uint32, 4294967296, false",
            "int32, 2147483648, false", "float32, 3.5e38, false", "float32, 3.0e38, true", "bool, 2, false",
            "float64, NaN, false",
    })
    void rawRangeOfEachType(String type, double raw, boolean fits) {
        assertThat(Codec.rawFits(PointType.parse(type), raw)).isEqualTo(fits);
    }

    @Test
    void enumParsesLabelsAndOnlyAcceptsItsCodes() {
        PointType t = PointType.parse("enum(0=Off,1=Starting,2=Running)");
        assertThat(t.enumLabels()).containsEntry(2, "Running");
        assertThat(t.enumCode("running")).isEqualTo(2);
        assertThat(Codec.rawFits(t, 2)).isTrue();
        assertThat(Codec.rawFits(t, 3)).isFalse();
        assertThat(t).hasToString("enum(0=Off,1=Starting,2=Running)");
    }

    @Test
    void defaultBadValuesFollowNe43StyleCodes() {
        assertThat(Codec.defaultBadRaw(PointType.parse("float32"))).isNaN();
        assertThat(Codec.defaultBadRaw(PointType.parse("int16"))).isEqualTo(32767);
        assertThat(Codec.defaultBadRaw(PointType.parse("uint16"))).isEqualTo(65535);
    }

    @Test
    void unknownTypesAreNamed() {
        assertThatThrownBy(() -> PointType.parse("float16")).hasMessageContaining("unknown type 'float16'");
        assertThatThrownBy(() -> PointType.parse("enum(0=Off,x=On)")).hasMessageContaining("enum code 'x'");
        assertThatThrownBy(() -> PointType.parse("string(abc)")).hasMessageContaining("string length 'abc'");
    }
}
