package io.hilbench.adapters.opcua;

import org.eclipse.milo.opcua.sdk.server.servicesets.SubscriptionServiceSet;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSubscriptionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSubscriptionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.DeleteSubscriptionsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.DeleteSubscriptionsResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ModifySubscriptionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ModifySubscriptionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RepublishRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.RepublishResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.SetPublishingModeRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.SetPublishingModeResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.TransferSubscriptionsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.TransferSubscriptionsResponse;
import org.eclipse.milo.opcua.stack.transport.server.ServiceRequestContext;

import java.util.concurrent.CompletableFuture;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * Milo's subscription services with each subscription's publishing interval revised to half the one asked for, and
 * its keep-alive and lifetime counts doubled so that their durations stay what the client asked (OPC UA Part 4
 * §5.13.2.2: the server "may negotiate this value up or down"; the revised values go back to the client).
 *
 * <p><b>Why.</b> Samples are taken when the plant steps ({@link PointSampler}); Milo's publishing timer runs on its
 * own clock, re-armed after each tick so it slips by its wake-up latency. At a publishing interval equal to the step,
 * the timer's phase slides across the step's: when a tick falls just before a sample lands, that window holds
 * nothing and the item's next notification leaves a full interval later, two intervals plus the latency after the
 * previous one (just over 200 ms at 100 ms). Ticking at half the interval, every sample leaves within half an interval
 * of being taken, so two notifications of an item are at most one step plus half an interval apart (about 150 ms at
 * 100 ms) whatever the phases. A tick with nothing new sends nothing (Milo counts it towards the keep-alive), so a
 * client receives no more responses than before: one per sampled step.
 *
 * <p>An interval whose half would be below {@link #MIN_PUBLISHING_MS} (Milo's minimum) is passed on unchanged, and so
 * are zero, negative or non-finite ones (Milo then uses its limits).
 */
final class SubdividedPublishing implements SubscriptionServiceSet {
    /** Milo 1.1.2's {@code OpcUaServerConfigLimits.getMinPublishingInterval()} default. */
    static final double MIN_PUBLISHING_MS = 10.0;
    static final int DIVISOR = 2;

    private final SubscriptionServiceSet milo;

    SubdividedPublishing(SubscriptionServiceSet milo) {
        this.milo = milo;
    }

    /** The interval the server uses for one asked for: half of it, unless that falls below the minimum. */
    static boolean subdivides(Double requestedMs) {
        return requestedMs != null && Double.isFinite(requestedMs) && requestedMs / DIVISOR >= MIN_PUBLISHING_MS;
    }

    private static UInteger times(UInteger count) {
        if (count == null || count.longValue() == 0) return count; // 0: the server picks
        return uint(Math.min(count.longValue() * DIVISOR, 0xFFFF_FFFFL));
    }

    @Override
    public CreateSubscriptionResponse onCreateSubscription(ServiceRequestContext context, CreateSubscriptionRequest r) throws UaException {
        if (!subdivides(r.getRequestedPublishingInterval())) return milo.onCreateSubscription(context, r);
        return milo.onCreateSubscription(context, new CreateSubscriptionRequest(r.getRequestHeader(),
                r.getRequestedPublishingInterval() / DIVISOR, times(r.getRequestedLifetimeCount()), times(r.getRequestedMaxKeepAliveCount()),
                r.getMaxNotificationsPerPublish(), r.getPublishingEnabled(), r.getPriority()));
    }

    @Override
    public ModifySubscriptionResponse onModifySubscription(ServiceRequestContext context, ModifySubscriptionRequest r) throws UaException {
        if (!subdivides(r.getRequestedPublishingInterval())) return milo.onModifySubscription(context, r);
        return milo.onModifySubscription(context, new ModifySubscriptionRequest(r.getRequestHeader(), r.getSubscriptionId(),
                r.getRequestedPublishingInterval() / DIVISOR, times(r.getRequestedLifetimeCount()), times(r.getRequestedMaxKeepAliveCount()),
                r.getMaxNotificationsPerPublish(), r.getPriority()));
    }

    @Override
    public DeleteSubscriptionsResponse onDeleteSubscriptions(ServiceRequestContext context, DeleteSubscriptionsRequest r) throws UaException {
        return milo.onDeleteSubscriptions(context, r);
    }

    @Override
    public TransferSubscriptionsResponse onTransferSubscriptions(ServiceRequestContext context, TransferSubscriptionsRequest r) throws UaException {
        return milo.onTransferSubscriptions(context, r);
    }

    @Override
    public SetPublishingModeResponse onSetPublishingMode(ServiceRequestContext context, SetPublishingModeRequest r) throws UaException {
        return milo.onSetPublishingMode(context, r);
    }

    @Override
    public RepublishResponse onRepublish(ServiceRequestContext context, RepublishRequest r) throws UaException {
        return milo.onRepublish(context, r);
    }

    @Override
    public CompletableFuture<PublishResponse> onPublish(ServiceRequestContext context, PublishRequest r) {
        return milo.onPublish(context, r);
    }
}
