package io.depot.sql.planner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Calcite's compiled metadata handlers for Depot's provider ({@link JoinSelectivity#PROVIDER}),
 * each looked up once per process instead of once per {@link RelMetadataQuery}.
 *
 * <p>The Hep planner starts a new metadata query after every rule it fires. Calcite's default
 * query starts with placeholder handlers that throw on first use, and each is then replaced
 * through a synchronized lookup in Calcite's global handler cache: a few dozen exceptions and
 * lookups per rule firing, repeated for every statement. The handlers themselves are stateless
 * (a query's cached values live in the query), so one instance per kind serves every query.
 */
final class MetadataHandlers implements MetadataHandlerProvider {
    static final MetadataHandlers INSTANCE = new MetadataHandlers(JaninoRelMetadataProvider.of(JoinSelectivity.PROVIDER));

    private final JaninoRelMetadataProvider compiled;
    private final Map<Class<?>, MetadataHandler<?>> handlers = new ConcurrentHashMap<>();

    private MetadataHandlers(JaninoRelMetadataProvider compiled) {
        this.compiled = compiled;
    }

    /** A new metadata query (with an empty cache) over these handlers. */
    static RelMetadataQuery newQuery() {
        return new RelMetadataQuery(INSTANCE);
    }

    @Override
    public <H extends MetadataHandler<?>> H handler(Class<H> handlerClass) {
        return handlerClass.cast(handlers.computeIfAbsent(handlerClass, kind -> compiled.revise(handlerClass)));
    }

    @Override
    public <H extends MetadataHandler<?>> H revise(Class<H> handlerClass) {
        H handler = compiled.revise(handlerClass);
        handlers.put(handlerClass, handler);
        return handler;
    }
}
