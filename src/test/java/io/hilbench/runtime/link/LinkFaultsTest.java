package io.hilbench.runtime.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The link faults of one bench, both protocols, as the fault schedule drives them and the step loop reads them
 * (DESIGN §4 item 9: while any link fault is active the loop paces in real time instead of waiting for the Ack).
 */
class LinkFaultsTest {
    private EchoServer modbusServer;
    private EchoServer opcUaServer;
    private FaultProxy modbus;
    private FaultProxy opcUa;
    private LinkFaults links;

    @BeforeEach
    void startBench() throws Exception {
        modbusServer = EchoServer.echoing();
        opcUaServer = EchoServer.echoing();
        InetSocketAddress free = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        modbus = new FaultProxy("mb", free, modbusServer.address());
        opcUa = new FaultProxy("ua", free, opcUaServer.address());
        modbus.start();
        opcUa.start();
        links = new LinkFaults(Map.of(LinkProtocol.MODBUS, modbus, LinkProtocol.OPC_UA, opcUa));
    }

    @AfterEach
    void stopBench() throws Exception {
        modbus.stop();
        opcUa.stop();
        modbusServer.close();
        opcUaServer.close();
    }

    private static byte[] roundTrip(FaultProxy proxy, String text) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(5_000);
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(bytes);
            return socket.getInputStream().readNBytes(bytes.length);
        }
    }

    @Test
    void aFaultOnOneProtocolLeavesTheOtherLinkAlone() throws Exception {
        links.inject(LinkProtocol.MODBUS, LinkFault.DROP);

        assertThatThrownBy(() -> roundTrip(modbus, "x")).isInstanceOf(ConnectException.class);
        assertThat(roundTrip(opcUa, "still here")).asString(StandardCharsets.US_ASCII).isEqualTo("still here");
        assertThat(links.state().active()).containsOnlyKeys(LinkProtocol.MODBUS);
        assertThat(links.faultActive()).isTrue();
    }

    @Test
    void stepLoopSeesAFaultActiveFromInjectUntilClearForEveryKind() {
        // DESIGN §4 item 9 says "an injected I/O link fault": all four kinds count, DELAY and FREEZE included
        assertThat(links.faultActive()).isFalse();
        for (LinkFault kind : LinkFault.values()) {
            links.inject(LinkProtocol.OPC_UA, kind, kind == LinkFault.DELAY ? 25 : 0);
            LinkStatus status = links;
            assertThat(status.faultActive()).as(kind.name()).isTrue();
            assertThat(status.state().on(LinkProtocol.OPC_UA)).contains(new ActiveLinkFault(kind, kind == LinkFault.DELAY ? 25 : 0));
            links.clear(LinkProtocol.OPC_UA);
            assertThat(status.faultActive()).as(kind.name() + " cleared").isFalse();
        }
        assertThat(LinkStatus.NONE.faultActive()).isFalse();
    }

    @Test
    void injectAllReachesEveryProxyAndClearAllRestoresEveryLink() throws Exception {
        links.injectAll(LinkFault.DROP, 0);

        assertThat(modbus.fault()).contains(ActiveLinkFault.of(LinkFault.DROP));
        assertThat(opcUa.fault()).contains(ActiveLinkFault.of(LinkFault.DROP));
        assertThatThrownBy(() -> roundTrip(modbus, "x")).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> roundTrip(opcUa, "x")).isInstanceOf(ConnectException.class);

        links.clearAll();

        assertThat(links.state()).isEqualTo(LinkFaultState.NONE);
        assertThat(roundTrip(modbus, "mb")).asString(StandardCharsets.US_ASCII).isEqualTo("mb");
        assertThat(roundTrip(opcUa, "ua")).asString(StandardCharsets.US_ASCII).isEqualTo("ua");
    }

    @Test
    void freezeListenersHearWhenAFreezeStartsAndWhenItEnds() throws Exception {
        // the wiring freezes the point table on this callback; the proxy itself forwards unchanged
        List<Object> heard = new ArrayList<>();
        links.onFreeze((protocol, frozen) -> heard.add(tuple(protocol, frozen)));

        links.inject(LinkProtocol.MODBUS, LinkFault.FREEZE);
        assertThat(roundTrip(modbus, "stale")).asString(StandardCharsets.US_ASCII).isEqualTo("stale");
        links.inject(LinkProtocol.MODBUS, LinkFault.FREEZE); // no change, no second call
        links.inject(LinkProtocol.MODBUS, LinkFault.BLACKHOLE); // another fault replaces the freeze: it ends
        links.injectAll(LinkFault.FREEZE, 0);
        links.clearAll();

        assertThat(heard).containsExactly(
                tuple(LinkProtocol.MODBUS, true),
                tuple(LinkProtocol.MODBUS, false),
                tuple(LinkProtocol.MODBUS, true),
                tuple(LinkProtocol.OPC_UA, true),
                tuple(LinkProtocol.MODBUS, false),
                tuple(LinkProtocol.OPC_UA, false));
    }

    @Test
    void refusesAProtocolTheBenchDoesNotServeAndBadDelaysWithoutChangingAnything() throws Exception {
        LinkFaults modbusOnly = new LinkFaults(Map.of(LinkProtocol.MODBUS, modbus));

        assertThatThrownBy(() -> modbusOnly.inject(LinkProtocol.OPC_UA, LinkFault.DROP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no OPC_UA link");
        assertThatThrownBy(() -> links.inject(LinkProtocol.MODBUS, LinkFault.DELAY, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was -5");
        assertThatThrownBy(() -> links.injectAll(LinkFault.BLACKHOLE, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay faults only");
        assertThatThrownBy(() -> new LinkFaults(Map.of())).isInstanceOf(IllegalArgumentException.class);

        assertThat(links.faultActive()).isFalse();
        assertThat(modbus.fault()).isEmpty();
        assertThat(roundTrip(modbus, "fine")).asString(StandardCharsets.US_ASCII).isEqualTo("fine");
    }
}
