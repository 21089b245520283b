package org.signalbox.core.engine.internal;

import java.util.Map;

import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Binds validated params to a method's record. The schema has already said what each value is, so binding
 * converts nothing: a text never becomes a number or a flag, a number never becomes a text, a fraction never
 * an integer, and a key the record does not know is the method's bug, not the client's.
 */
final class TypedParams {

    private static final System.Logger LOG = System.getLogger(TypedParams.class.getSimpleName());

    private static final ObjectMapper STRICT = strict();

    private TypedParams() {
    }

    static <T> T bind(String method, ObjectNode params, Class<T> type) throws RpcException {
        try {
            return STRICT.treeToValue(params, type);
        } catch (JsonProcessingException e) {
            String field = field(e);
            if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
                throw new RpcException(RpcError.INVALID_PARAMS, "Invalid params: " + field + " is out of range",
                        Map.of("problem", "range", "field", field));
            }
            // the schema let through what the record cannot hold: the method's contract and record disagree
            LOG.log(System.Logger.Level.ERROR, "Params of " + method + " do not bind to " + type.getName(), e);
            throw new RpcException(RpcError.INTERNAL, "Method " + method + " cannot read its params (" + field + ")");
        }
    }

    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                path.append(r.getFieldName() != null ? (path.isEmpty() ? "" : ".") + r.getFieldName()
                        : "[" + r.getIndex() + "]");
            }
            return path.toString();
        }
        return "params";
    }

    private static ObjectMapper strict() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        for (LogicalType t : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean}) {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                    CoercionInputShape.EmptyString}) {
                mapper.coercionConfigFor(t).setCoercion(shape, CoercionAction.Fail);
            }
        }
        // an integer is a valid value of a number param
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        return mapper;
    }
}
