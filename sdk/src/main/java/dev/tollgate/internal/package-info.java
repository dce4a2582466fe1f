/**
 * The request codec and the facts read from a request, which the engine's stages below share. The engine
 * itself is in {@link dev.tollgate.internal.eval}; entry type: {@link dev.tollgate.internal.RequestCodec}.
 * Not part of the public API.
 */
package dev.tollgate.internal;
