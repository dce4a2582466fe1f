/**
 * The facts read from a request ({@link dev.tollgate.internal.FactExtractor}, one table of field readers per
 * request record), which the engine's stages below share. The engine itself is in
 * {@link dev.tollgate.internal.eval}, the JSON in and out in {@link dev.tollgate.internal.codec}. Not part of
 * the public API.
 */
package dev.tollgate.internal;
