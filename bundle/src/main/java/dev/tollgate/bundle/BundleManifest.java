package dev.tollgate.bundle;

import java.util.List;
import java.util.Objects;

/**
 * What a bundle holds: its revision, its packs with their digests, and the SHA-256 digest of every file
 * in it (packs and their tests). A bundle's signature covers the manifest's exact bytes, and the manifest
 * covers every other byte.
 *
 * @param format the layout's version, {@value #FORMAT}
 * @param revision the name decisions made under the bundle carry ({@code Decision.bundle()})
 * @param packs each pack, {@code id}, {@code version} and the {@code sha256:} digest of its pack.yaml, as
 *     decisions cite it
 * @param files every file but the manifest and the signature, by path inside the bundle, sorted by path
 */
public record BundleManifest(int format, String revision, List<Pack> packs, List<File> files) {
  /** The only format this version reads. */
  public static final int FORMAT = 1;

  public BundleManifest {
    Objects.requireNonNull(revision, "revision");
    packs = List.copyOf(packs);
    files = List.copyOf(files);
  }

  /**
   * @param id the pack's id
   * @param version its version
   * @param digest {@code sha256:} and the hex digest of its pack.yaml
   */
  public record Pack(String id, String version, String digest) {}

  /**
   * @param path {@code <pack-id>/<version>/pack.yaml} or {@code <pack-id>/<version>/tests/<name>.yaml}
   * @param digest {@code sha256:} and the hex digest of the file
   * @param size its length in bytes
   */
  public record File(String path, String digest, long size) {}
}
