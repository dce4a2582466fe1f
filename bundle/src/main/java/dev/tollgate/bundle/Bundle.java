package dev.tollgate.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A bundle of rule packs: one zip archive holding {@code manifest.json} (the revision, the packs, and the
 * SHA-256 digest of every file), {@code manifest.sig} (an Ed25519 signature over the manifest's exact
 * bytes, once signed) and the files under {@code packs/<pack-id>/<version>/}: each {@code pack.yaml} and
 * the YAML tests beside it.
 *
 * <pre>{@code
 * Bundle.build("2025-10-01", List.of(Path.of("rulepacks"))).sign(Keys.readPrivate(key)).write(out);
 * Bundle.read(out).verify(Keys.readPublic(pub));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Reading refuses what is not a bundle (and anything larger than
 * {@value #MAX_BYTES} bytes unpacked) before any of it is trusted; {@link #verify} then checks the
 * signature and every file against the manifest.
 */
public final class Bundle {
  static final String MANIFEST = "manifest.json";
  static final String SIGNATURE = "manifest.sig";
  static final String PACKS = "packs/";
  /** The most a bundle may hold unpacked, and the most a source downloads. */
  public static final int MAX_BYTES = 64 << 20;
  private static final int MAX_ENTRIES = 10_000;
  /** A path inside {@code packs/}: plain names only, so nothing can be written outside a folder it is unpacked in. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){2,5}");
  private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,63}");
  /** Zip entries carry this time, so building the same packs twice gives the same bytes. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private final byte[] manifestBytes;
  private final BundleManifest manifest;
  /** The signature's bytes, or null when unsigned. */
  private final byte[] signature;
  /** Every file under {@code packs/}, by its path below it, sorted. */
  private final Map<String, byte[]> files;

  private Bundle(byte[] manifestBytes, BundleManifest manifest, byte[] signature, Map<String, byte[]> files) {
    this.manifestBytes = manifestBytes;
    this.manifest = manifest;
    this.signature = signature;
    this.files = Collections.unmodifiableMap(files);
  }

  /**
   * Builds an unsigned bundle of every pack under the folders (each a folder of packs, a pack's version
   * folder, or a pack.yaml file) and the {@code tests/} beside each. The packs are loaded first, so a
   * bundle of packs with problems is never built.
   *
   * @param revision the name decisions will carry, e.g. {@code 2025-10-01.1}; null for {@code sha256:}
   *     and the first 12 hex digits of the digest of the file list, the same for the same files
   * @throws dev.tollgate.rules.RulePackException with every problem in the packs
   * @throws IllegalArgumentException if the revision is not 1 to 64 letters, digits and {@code ._:+-}, or
   *     two folders hold the same pack version
   */
  public static Bundle build(String revision, List<Path> dirs) {
    Objects.requireNonNull(dirs, "dirs");
    if (revision != null && !REVISION.matcher(revision).matches()) {
      throw new IllegalArgumentException("revision '" + revision
          + "' must be 1 to 64 letters, digits and . _ : + - starting with a letter or digit");
    }
    Map<String, byte[]> files = new TreeMap<>();
    List<BundleManifest.Pack> packs = new ArrayList<>();
    for (Path dir : dirs) {
      for (Path packFile : packFiles(dir)) {
        RulePack pack = RulePackLoader.load(packFile).get(0);
        String base = pack.id() + "/" + pack.version() + "/";
        if (files.containsKey(base + RulePackLoader.PACK_FILE)) {
          throw new IllegalArgumentException("pack " + pack.ref() + " is in two of the folders; " + packFile + " is the second");
        }
        byte[] yaml = readFile(packFile);
        files.put(base + RulePackLoader.PACK_FILE, yaml);
        packs.add(new BundleManifest.Pack(pack.id(), pack.version().toString(), digest(yaml)));
        Path tests = packFile.getParent().resolve("tests");
        if (Files.isDirectory(tests)) {
          try (Stream<Path> walk = Files.walk(tests)) {
            for (Path test : walk.filter(Files::isRegularFile).sorted().toList()) {
              files.put(base + "tests/" + tests.relativize(test).toString().replace('\\', '/'), readFile(test));
            }
          } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tests, e);
          }
        }
      }
    }
    // Loading them as one set finds what no pack shows alone: a rule id in two packs.
    RulePackLoader.load(dirs.toArray(Path[]::new));
    List<BundleManifest.File> listed = new ArrayList<>();
    StringBuilder list = new StringBuilder();
    files.forEach((path, bytes) -> {
      if (!PATH.matcher(path).matches()) {
        throw new IllegalArgumentException("file " + path + " cannot go in a bundle: use letters, digits and . _ - in names");
      }
      listed.add(new BundleManifest.File(path, digest(bytes), bytes.length));
      list.append(path).append(' ').append(digest(bytes)).append('\n');
    });
    String rev = revision != null ? revision
        : "sha256:" + digest(list.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(7, 19);
    BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, rev, packs, listed);
    try {
      return new Bundle(JSON.writeValueAsBytes(manifest), manifest, null, files);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest", e);
    }
  }

  /**
   * Reads a bundle's archive, checking its layout but trusting nothing in it yet.
   *
   * @throws BundleException {@link BundleException.Reason#UNREADABLE} if it is not a bundle, is cut short
   *     or too large; {@link BundleException.Reason#BAD_DIGEST} if an entry's data is damaged
   */
  public static Bundle read(byte[] archive) {
    Objects.requireNonNull(archive, "archive");
    if (archive.length > 0 && !ended(archive)) {
      // The entries read from the front may all be whole; a download cut in the directory at the end is still cut.
      throw unreadable("the archive is cut short: it has no end-of-archive record");
    }
    byte[] manifestBytes = null;
    byte[] signature = null;
    Map<String, byte[]> files = new TreeMap<>();
    long total = 0;
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (++entries > MAX_ENTRIES) {
          throw unreadable("more than " + MAX_ENTRIES + " entries");
        }
        String name = entry.getName();
        byte[] bytes = entryBytes(zip, name, MAX_BYTES - total);
        total += bytes.length;
        if (name.equals(MANIFEST)) {
          if (manifestBytes != null) {
            throw unreadable("two " + MANIFEST + " entries");
          }
          manifestBytes = bytes;
        } else if (name.equals(SIGNATURE)) {
          if (signature != null) {
            throw unreadable("two " + SIGNATURE + " entries");
          }
          signature = bytes;
        } else if (name.startsWith(PACKS) && PATH.matcher(name.substring(PACKS.length())).matches()) {
          if (files.put(name.substring(PACKS.length()), bytes) != null) {
            throw unreadable("two entries named " + name);
          }
        } else {
          throw unreadable("entry '" + name + "' is not part of a bundle (" + MANIFEST + ", " + SIGNATURE + ", "
              + PACKS + "<pack-id>/<version>/...)");
        }
      }
    } catch (EOFException e) {
      throw unreadable("the archive is cut short (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw unreadable("not a zip archive (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      // ZipInputStream reports an entry name that is not UTF-8 this way, not as an IOException.
      throw unreadable("an entry name is not UTF-8 (" + e.getMessage() + ")");
    }
    if (manifestBytes == null) {
      throw unreadable("no " + MANIFEST + " in it" + (entries == 0 ? " (not a zip archive, or empty)" : ""));
    }
    BundleManifest manifest;
    try {
      manifest = JSON.readValue(manifestBytes, BundleManifest.class);
    } catch (JsonProcessingException e) {
      throw unreadable(MANIFEST + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (manifest.format() != BundleManifest.FORMAT) {
      throw unreadable(MANIFEST + ": format " + manifest.format() + " is not " + BundleManifest.FORMAT
          + ", the one this version reads");
    }
    if (!REVISION.matcher(manifest.revision()).matches()) {
      throw unreadable(MANIFEST + ": revision '" + manifest.revision() + "' is not a revision name");
    }
    return new Bundle(manifestBytes, manifest, signature, files);
  }

  /**
   * Reads a bundle file; see {@link #read(byte[])}.
   *
   * @throws BundleException {@link BundleException.Reason#UNREADABLE} also if the file cannot be read
   */
  public static Bundle read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw unreadable(file + " is larger than " + MAX_BYTES + " bytes");
      }
      return read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new BundleException(BundleException.Reason.UNREADABLE, "cannot read " + file + ": " + e, e);
    }
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** The manifest's exact bytes, which the signature covers. */
  byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  /** Whether the bundle carries a signature (which {@link #verify} checks). */
  public boolean signed() {
    return signature != null;
  }

  /** A copy of this bundle signed with the key; any signature it had is replaced. */
  public Bundle sign(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    try {
      Signature signer = Signature.getInstance(Keys.ALGORITHM);
      signer.initSign(key);
      signer.update(manifestBytes);
      byte[] text = (Base64.getEncoder().encodeToString(signer.sign()) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      return new Bundle(manifestBytes, manifest, text, files);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the key signed this manifest and that every file is the one the manifest lists, and only those.
   *
   * @throws BundleException {@link BundleException.Reason#UNSIGNED}, {@link BundleException.Reason#BAD_SIGNATURE}
   *     or {@link BundleException.Reason#BAD_DIGEST}, naming the file at fault
   */
  public void verify(PublicKey key) {
    Objects.requireNonNull(key, "key");
    if (signature == null) {
      throw new BundleException(BundleException.Reason.UNSIGNED, "the bundle is not signed (" + SIGNATURE
          + " is missing); sign it with tollgate bundle sign");
    }
    boolean good;
    try {
      Signature verifier = Signature.getInstance(Keys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(manifestBytes);
      good = verifier.verify(Base64.getMimeDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      good = false;
    }
    if (!good) {
      throw new BundleException(BundleException.Reason.BAD_SIGNATURE, "the signature in " + SIGNATURE
          + " is not one of key " + Keys.fingerprint(key) + " over " + MANIFEST
          + ": another key signed it, or the manifest was changed after signing");
    }
    Map<String, BundleManifest.File> listed = new LinkedHashMap<>();
    for (BundleManifest.File f : manifest.files()) {
      listed.put(f.path(), f);
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      BundleManifest.File expected = listed.get(file.getKey());
      if (expected == null) {
        throw new BundleException(BundleException.Reason.BAD_DIGEST, PACKS + file.getKey() + " is not in the manifest");
      }
      String actual = digest(file.getValue());
      if (!actual.equals(expected.digest())) {
        throw new BundleException(BundleException.Reason.BAD_DIGEST, PACKS + file.getKey() + " has digest " + actual
            + ", the manifest lists " + expected.digest() + ": the file was changed after signing");
      }
    }
    for (String path : listed.keySet()) {
      if (!files.containsKey(path)) {
        throw new BundleException(BundleException.Reason.BAD_DIGEST, PACKS + path + " is in the manifest but not in the bundle");
      }
    }
    for (BundleManifest.Pack pack : manifest.packs()) {
      BundleManifest.File file = listed.get(pack.id() + "/" + pack.version() + "/" + RulePackLoader.PACK_FILE);
      if (file == null || !file.digest().equals(pack.digest())) {
        throw new BundleException(BundleException.Reason.BAD_DIGEST, "pack " + pack.id() + "@" + pack.version()
            + " in the manifest is not one of its files");
      }
    }
  }

  /** The archive's bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, MANIFEST, manifestBytes);
      if (signature != null) {
        entry(zip, SIGNATURE, signature);
      }
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        entry(zip, PACKS + file.getKey(), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the archive to a file, replacing it in one step (through a file beside it), so no reader sees half of it. */
  public void write(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        Files.write(temp, toBytes());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes the packs and their tests under a folder, as {@code <pack-id>/<version>/...}. */
  public void unpack(Path dir) {
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path target = dir.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the bundle into " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "Bundle[" + manifest.revision() + " " + manifest.packs().stream().map(p -> p.id() + "@" + p.version()).toList()
        + (signed() ? " signed" : " unsigned") + "]";
  }

  static String digest(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(Keys.sha256(bytes));
  }

  private static List<Path> packFiles(Path dir) {
    if (Files.isRegularFile(dir)) {
      return List.of(dir);
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is neither a folder of packs nor a pack.yaml");
    }
    try (Stream<Path> walk = Files.walk(dir, 3)) {
      List<Path> found = walk.filter(p -> p.getFileName().toString().equals(RulePackLoader.PACK_FILE)).sorted().toList();
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no " + RulePackLoader.PACK_FILE + " under " + dir);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static byte[] readFile(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static byte[] entryBytes(InputStream in, String name, long room) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        if (out.size() > room) {
          throw unreadable("it holds more than " + MAX_BYTES + " bytes unpacked");
        }
      }
    } catch (EOFException e) {
      throw e;
    } catch (ZipException e) {
      // The entry's data does not inflate or fails its CRC: a byte of it was changed.
      throw new BundleException(BundleException.Reason.BAD_DIGEST, "entry " + name + " is damaged (" + e.getMessage() + ")", e);
    }
    return out.toByteArray();
  }

  /** Whether the archive ends with a zip end-of-central-directory record (and its comment, if any). */
  private static boolean ended(byte[] a) {
    for (int i = a.length - 22; i >= Math.max(0, a.length - 22 - 0xFFFF); i--) {
      if (a[i] == 'P' && a[i + 1] == 'K' && a[i + 2] == 5 && a[i + 3] == 6
          && i + 22 + ((a[i + 20] & 0xFF) | (a[i + 21] & 0xFF) << 8) == a.length) {
        return true;
      }
    }
    return false;
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static BundleException unreadable(String message) {
    return new BundleException(BundleException.Reason.UNREADABLE, "not a readable bundle: " + message);
  }
}
