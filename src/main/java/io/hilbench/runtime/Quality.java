package io.hilbench.runtime;

/**
 * Quality of a published value. A healthy sensor is GOOD; sensor faults make it UNCERTAIN (e.g. out of range
 * but still transmitting) or BAD (broken wire, NE43 failure current). Modbus shows a point's bad_value for BAD;
 * OPC UA shows Bad_/Uncertain_ status codes.
 */
public enum Quality {
    GOOD, UNCERTAIN, BAD
}
