package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests of deploy/k8s/ and the CI matrix example, checked offline (issue #17 item 4): parsed as
 * YAML and the fields that decide whether a sharded run works checked. {@code kubectl --dry-run=client} needs a
 * cluster's API discovery, so it proves less than this: an Indexed Job whose completions equal the shard count the
 * bench is told, the completion index reaching the bench as its shard, every shard writing its own folder on the
 * volume the merge Job reads, the merge listing exactly the shards, and the image the one the pom's Jib profile builds.
 */
class DeployManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path K8S = Path.of("deploy/k8s");

    private static JsonNode read(Path file) throws Exception {
        JsonNode n = YAML.readTree(file.toFile());
        assertThat(n).as(file + " parses as one YAML document").isNotNull();
        return n;
    }

    private static JsonNode container(JsonNode job) {
        JsonNode containers = job.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) if (e.path("name").asText().equals(name)) return e.has("value") ? e.path("value").asText() : e.path("valueFrom").toString();
        return null;
    }

    private static List<String> args(JsonNode container) {
        List<String> out = new ArrayList<>();
        container.path("args").forEach(a -> out.add(a.asText()));
        return out;
    }

    /** The volume name mounted at {@code path} in the container, and the claim that volume names. */
    private static String claimMountedAt(JsonNode job, String path) {
        JsonNode pod = job.path("spec").path("template").path("spec");
        String volume = null;
        for (JsonNode m : container(job).path("volumeMounts")) if (m.path("mountPath").asText().equals(path)) volume = m.path("name").asText();
        assertThat(volume).as("a volume mounted at " + path).isNotNull();
        for (JsonNode v : pod.path("volumes")) if (v.path("name").asText().equals(volume)) return v.path("persistentVolumeClaim").path("claimName").asText(null);
        throw new AssertionError("no volume " + volume + " in the pod spec");
    }

    /** The image name the pom's Jib profile builds ({@code bench.image.name} with the project version). */
    private static String jibImage() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String version = ((Element) pom.getDocumentElement().getElementsByTagName("version").item(0)).getTextContent().trim();
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if (!p.getElementsByTagName("id").item(0).getTextContent().trim().equals("image")) continue;
            String name = p.getElementsByTagName("bench.image.name").item(0).getTextContent().trim();
            Element to = (Element) p.getElementsByTagName("to").item(0);
            assertThat(to.getElementsByTagName("image").item(0).getTextContent().trim()).isEqualTo("${bench.image.name}");
            assertThat(p.getElementsByTagName("bench.image.base").item(0).getTextContent().trim()).as("no registry base by default").isEqualTo("scratch");
            return name.replace("${project.version}", version);
        }
        throw new AssertionError("pom.xml has no profile 'image'");
    }

    @Test
    void theShardJobIsIndexedWithAsManyCompletionsAsTheShardCountTheBenchIsTold() throws Exception {
        JsonNode job = read(K8S.resolve("bench-shards-job.yaml"));
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        int completions = spec.path("completions").asInt();
        assertThat(completions).isGreaterThan(1);
        assertThat(spec.path("parallelism").asInt()).isBetween(1, completions);
        assertThat(spec.path("template").path("spec").path("restartPolicy").asText()).isIn("Never", "OnFailure");

        JsonNode c = container(job);
        // the index reaches the bench: JOB_COMPLETION_INDEX from the pod's completion-index annotation, the count beside it
        assertThat(env(c, "JOB_COMPLETION_INDEX")).contains("batch.kubernetes.io/job-completion-index");
        assertThat(env(c, "BENCH_SHARD_COUNT")).isEqualTo(Integer.toString(completions));
        List<String> args = args(c);
        assertThat(args.get(0)).isEqualTo("run");
        // no --shard: the bench reads the two variables; a --shard given must be built from the same two
        int shard = args.indexOf("--shard");
        if (shard >= 0) assertThat(args.get(shard + 1)).isEqualTo("$(JOB_COMPLETION_INDEX)/$(BENCH_SHARD_COUNT)");
        // each shard its own report folder on the reports volume
        String report = args.get(args.indexOf("--report") + 1);
        assertThat(report).isEqualTo("/reports/shard-$(JOB_COMPLETION_INDEX)");
        assertThat(claimMountedAt(job, "/reports")).isEqualTo("hilbench-reports");
        assertThat(c.path("image").asText()).isEqualTo(jibImage());
    }

    @Test
    void theMergeJobReadsEveryShardFromTheSameVolumeAndWritesOneReport() throws Exception {
        JsonNode shards = read(K8S.resolve("bench-shards-job.yaml"));
        JsonNode merge = read(K8S.resolve("bench-merge-job.yaml"));
        assertThat(merge.path("kind").asText()).isEqualTo("Job");
        assertThat(merge.path("spec").path("completionMode").isMissingNode() || merge.path("spec").path("completionMode").asText().equals("NonIndexed")).isTrue();
        JsonNode c = container(merge);
        List<String> args = args(c);
        assertThat(args.get(0)).isEqualTo("merge");
        int completions = shards.path("spec").path("completions").asInt();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < completions; i++) expected.add("/reports/shard-" + i);
        assertThat(args.subList(1, args.indexOf("--out"))).as("every shard folder once, as the shard Job names them").isEqualTo(expected);
        assertThat(args.get(args.indexOf("--out") + 1)).startsWith("/reports/");
        assertThat(args).contains("--trusted-key");
        assertThat(claimMountedAt(merge, "/reports")).isEqualTo(claimMountedAt(shards, "/reports"));
        assertThat(c.path("image").asText()).isEqualTo(container(shards).path("image").asText());

        JsonNode pvc = read(K8S.resolve("reports-pvc.yaml"));
        assertThat(pvc.path("kind").asText()).isEqualTo("PersistentVolumeClaim");
        assertThat(pvc.path("metadata").path("name").asText()).isEqualTo("hilbench-reports");
        assertThat(pvc.path("spec").path("accessModes").toString()).contains("ReadWriteMany");
    }

    @Test
    void theCiMatrixExampleRunsEveryShardOnceAndMergesThemAll() throws Exception {
        JsonNode ci = read(Path.of("deploy/ci/github-actions-shards.yml"));
        JsonNode shard = ci.path("jobs").path("shard");
        List<Integer> indexes = new ArrayList<>();
        shard.path("strategy").path("matrix").path("shard").forEach(n -> indexes.add(n.asInt()));
        int count = shard.path("env").path("BENCH_SHARD_COUNT").asInt();
        assertThat(indexes).hasSize(count);
        for (int i = 0; i < count; i++) assertThat(indexes).contains(i);
        assertThat(shard.path("steps").toString()).contains("--shard ${{ matrix.shard }}/${{ env.BENCH_SHARD_COUNT }}");
        JsonNode merge = ci.path("jobs").path("merge");
        assertThat(merge.path("needs").asText()).isEqualTo("shard");
        StringBuilder dirs = new StringBuilder();
        for (int i = 0; i < count; i++) dirs.append(" shards/shard-").append(i);
        assertThat(merge.path("steps").toString()).contains("bench.jar merge" + dirs + " --out");
    }
}
