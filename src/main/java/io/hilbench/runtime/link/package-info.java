/**
 * I/O link faults (DESIGN §6): a {@link io.hilbench.runtime.link.FaultProxy} in front of each protocol server
 * injects DROP, BLACKHOLE and DELAY into open TCP sessions; FREEZE is the point table's, signalled through a
 * {@link io.hilbench.runtime.link.FreezeListener}. {@link io.hilbench.runtime.link.LinkFaults} controls the
 * proxies of one bench and tells the step loop, as a {@link io.hilbench.runtime.link.LinkStatus}, when a link
 * fault is active (DESIGN §4 item 9). JDK only; logs through {@link java.lang.System.Logger}.
 */
package io.hilbench.runtime.link;
