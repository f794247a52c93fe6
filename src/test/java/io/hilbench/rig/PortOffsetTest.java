package io.hilbench.rig;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --port-offset N} (issue #16 item 9): every TCP port of the rig moves by N, so two benches share a machine. */
class PortOffsetTest {

    @Test
    void everyPortOfTheRigMovesByTheOffset() throws Exception {
        Rig rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        Rig shifted = rig.withPortOffset(100);

        assertThat(shifted.modbus().port()).isEqualTo(rig.modbus().port() + 100).isEqualTo(1602);
        assertThat(shifted.opcua().port()).isEqualTo(rig.opcua().port() + 100).isEqualTo(4940);
        assertThat(shifted.console().port()).isEqualTo(rig.console().port() + 100).isEqualTo(8580);
        assertThat(shifted.opcua().endpointUrl()).isEqualTo("opc.tcp://127.0.0.1:4940/hilbench");
        assertThat(shifted.controller().orElseThrow().endpoint()).isEqualTo("opc.tcp://127.0.0.1:4941/controller");
        assertThat(shifted.controller().orElseThrow().mirrorEndpoint()).isEqualTo("modbus-tcp://127.0.0.1:1603");
        // nothing else changes
        assertThat(shifted.points()).isEqualTo(rig.points());
        assertThat(shifted.opcua().bindAddress()).isEqualTo(rig.opcua().bindAddress());
        assertThat(shifted.controller().orElseThrow().points()).isEqualTo(rig.controller().orElseThrow().points());
        assertThat(rig.withPortOffset(0)).isSameAs(rig);
    }

    @Test
    void anInvalidOffsetIsRefusedWithAClearMessage() throws Exception {
        Rig rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        assertThatThrownBy(() -> rig.withPortOffset(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--port-offset must be 0 or more, was -1");
        // console.port 8480 is the highest: 8480 + 57056 = 65536
        assertThatThrownBy(() -> rig.withPortOffset(57056))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above 65535").hasMessageContaining("console.port 8480 at 65536");
        assertThat(rig.withPortOffset(57055).console().port()).isEqualTo(65535);
    }
}
