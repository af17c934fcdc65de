package io.rentapi.api.command;

/** What a process runs: the HTTP API, the background worker, or both (dev). */
public enum ProcessRole {
    API,
    WORKER
}
