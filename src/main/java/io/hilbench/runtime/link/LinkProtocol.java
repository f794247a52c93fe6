package io.hilbench.runtime.link;

/** The protocol links of one bench; each is served through its own {@link FaultProxy}. */
public enum LinkProtocol {
    MODBUS, OPC_UA
}
