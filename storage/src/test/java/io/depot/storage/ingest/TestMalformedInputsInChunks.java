package io.depot.storage.ingest;

/** The malformed-input corpus again, each file cut into chunks of a few bytes parsed in parallel. */
class TestMalformedInputsInChunks extends TestMalformedInputs {
    @Override
    long chunkBytes() {
        return 4;
    }
}
