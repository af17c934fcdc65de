package io.rentapi.webhooks.delivery;

/**
 * Spaces the requests to an endpoint that has a rate limit (deliveries per second): each request
 * reserves the next free slot of the endpoint's schedule and waits until it comes. One gate serves
 * every worker that shares it, so the limit holds for the fleet, not for each worker.
 */
public interface RateGate {
    /** Reserves the endpoint's next slot; answers how many nanoseconds from now it starts (0: at once). */
    long reserve(long endpointId, int perSecond);

    /** Slots in this process only: exact with one worker, the limit times the workers with several. */
    static RateGate local() {
        return new LocalRateGate(System::nanoTime);
    }
}
