/**
 * The contract's JSON in and out: {@link dev.tollgate.internal.codec.RequestCodec} reads requests strictly
 * and writes requests and decisions; it binds each request {@code type} to the record
 * {@link dev.tollgate.internal.RequestRecords} names. Not part of the public API.
 */
package dev.tollgate.internal.codec;
