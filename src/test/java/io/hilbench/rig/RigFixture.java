package io.hilbench.rig;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small valid rig written into a folder, to be broken one mistake at a time. Tests locate lines by their text
 * ({@link #yamlLine}, {@link #csvLine}), so an expected line number comes from the fixture, not from the loader.
 */
final class RigFixture {
    final List<String> yaml = new ArrayList<>(List.of(
            "name: mini",
            "plant:",
            "  model: solrod",
            "point_maps:",
            "  - points.csv",
            "modbus:",
            "  port: 1502",
            "opcua:",
            "  port: 4840"));

    final List<String> csv = new ArrayList<>(List.of(
            String.join(",", PointMapReader.COLUMNS),
            "BENCH.Step,Plant step,bench,,1:ir:100:uint32,,,Bench,,,,0,,,,bench.step",
            "BENCH.PlantTimeMs,Plant time,bench,ms,1:ir:102:uint64,,,Bench,,,,0,,,,bench.plantTimeMs",
            "BENCH.Mode,Pacing mode,bench,,\"1:ir:106:enum(0=Realtime,1=Accelerated,2=Lockstep)\",,,Bench,,,,Lockstep,,,,bench.mode",
            "BENCH.Ack,Ack,bench,,1:hr:13:uint32,,,Bench,,,,0,,,,bench.ack",
            "BENCH.Heartbeat,Heartbeat,bench,,1:hr:12:uint16,,,Bench,,,,0,,,,bench.heartbeat",
            "PT-202,Gas-cooler pressure,sensor,bar,1:ir:0:float32,,,HeatPump/Refrigerant,,0,160,35,,,,plant.hp.gasCoolerPressurePa",
            "C-211.SpeedSet,Compressor speed set-point,actuator,Hz,1:hr:0:uint16,0.1,,HeatPump/Compressors,,0,70,0,,zero,,input.hp.compressor1.speedSetHz",
            "C-211.Enable,Compressor enable,actuator,,1:coil:0:bool,,,HeatPump/Compressors,,,,false,,zero,,input.hp.compressor1.enable"));

    List<String> controllerCsv = null;

    /** Adds the Solrød controller section and map, unchanged. */
    RigFixture withController() {
        try {
            List<String> rig = Files.readAllLines(DefaultRigTest.SOLROD.resolve("rig.yaml"), StandardCharsets.UTF_8);
            yaml.addAll(rig.subList(rig.indexOf("controller:"), rig.size()));
            controllerCsv = new ArrayList<>(Files.readAllLines(DefaultRigTest.SOLROD.resolve("controller.csv"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** 1-based line of the first YAML line containing {@code text}. */
    int yamlLine(String text) {
        return find(yaml, text);
    }

    int csvLine(String text) {
        return find(csv, text);
    }

    int controllerLine(String text) {
        return find(controllerCsv, text);
    }

    private static int find(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new IllegalArgumentException("fixture has no line containing " + text);
    }

    /** Replaces the first line containing {@code text} (YAML); returns its line number. */
    int replaceYaml(String text, String with) {
        int line = yamlLine(text);
        yaml.set(line - 1, with);
        return line;
    }

    int replaceCsv(String text, String with) {
        int line = csvLine(text);
        csv.set(line - 1, with);
        return line;
    }

    /** Appends a row; returns its line number. */
    int addCsv(String row) {
        csv.add(row);
        return csv.size();
    }

    Path write(Path dir) {
        try {
            Files.write(dir.resolve("rig.yaml"), yaml, StandardCharsets.UTF_8);
            Files.write(dir.resolve("points.csv"), csv, StandardCharsets.UTF_8);
            if (controllerCsv != null) Files.write(dir.resolve("controller.csv"), controllerCsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Loads the written rig and returns its errors (none when it loads). */
    static List<RigError> errors(Path dir) {
        try {
            RigLoader.load(dir, PlantModels.catalogue("solrod"));
            return List.of();
        } catch (RigException e) {
            return e.errors();
        }
    }
}
