using System.Diagnostics;
using NetVips;
using SkiaSharp;

// bench/images: `generate <file>` writes a synthetic 12-megapixel photo-like JPEG (smooth gradients, soft shapes and
// sensor-like noise: invented, never content); `vips <file>` and `skia <file>` decode it once per width, resize to
// each width and encode AVIF, WebP and JPEG, printing the time of each step. Each library runs in its own process so
// that the peak memory printed at the end (VmHWM) is that library's alone.
int[] widths = [320, 640, 960, 1280, 1920];
const int Quality = 75;

switch (args)
{
    case ["generate", var path]:
        Generate(path);
        return 0;
    case ["vips", var path]:
        RunVips(path);
        break;
    case ["skia", var path]:
        RunSkia(path);
        break;
    case ["generate-png", var path]:
        GeneratePng(path);
        return 0;
    case ["upload", var path]:
        RunUpload(path);
        return 0;
    default:
        Console.Error.WriteLine("usage: ImageBench generate|vips|skia <file.jpg>");
        return 2;
}
Console.WriteLine($"peak memory (VmHWM): {PeakMemoryMiB():F0} MiB");
return 0;

void Generate(string path)
{
    const int width = 4000, height = 3000;
    var x = Image.Xyz(width, height);
    var xs = x[0] / width;
    var ys = x[1] / height;
    // Three colour channels of slow gradients and circular "objects", then grain, then a blur for photo softness.
    var r = (xs * 180 + ys * 40 + ((xs * 31).Sin() * 30)).Cast(Enums.BandFormat.Float);
    var g = (ys * 160 + 50 + ((ys * 47 + xs * 13).Cos() * 40)).Cast(Enums.BandFormat.Float);
    var b = ((1 - xs) * 120 + ys * 90 + (((xs - 0.5) * (xs - 0.5) + (ys - 0.4) * (ys - 0.4)) * 400).Sin() * 25).Cast(Enums.BandFormat.Float);
    var rgb = r.Bandjoin(g, b);
    var noise = Image.Gaussnoise(width, height, sigma: 12).Bandjoin(Image.Gaussnoise(width, height, sigma: 12), Image.Gaussnoise(width, height, sigma: 12)) - 128;
    var photo = (rgb + noise).Gaussblur(0.8).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    photo.Jpegsave(path, q: 90);
    Console.WriteLine($"{path}: {width}x{height}, {new FileInfo(path).Length / 1024} KiB");
}

// bench/upload-memory: a 40-megapixel PNG (7300 × 5479, smooth gradients so that it stays under the 20 MB upload limit).
void GeneratePng(string path)
{
    const int width = 7300, height = 5479;
    using var xyz = Image.Xyz(width, height);
    using var rgb = (xyz[0] * (255.0 / width)).Bandjoin(xyz[1] * (255.0 / height), (xyz[0] + xyz[1]) * (127.0 / (width + height)) + 64);
    using var photo = rgb.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    photo.Pngsave(path);
    Console.WriteLine($"{path}: {width}x{height}, {new FileInfo(path).Length / 1024} KiB");
}

// The site's own upload processing (ImageProcessing.Process, linked from SiteSource), as MediaLibrary runs it: the
// process's memory before (file read, libvips loaded) and its peak while processing.
void RunUpload(string path)
{
    var content = File.ReadAllBytes(path);
    var before = MemoryMiB("VmRSS:");
    var watch = Stopwatch.StartNew();
    var processed = GutImmune.Web.Media.ImageProcessing.Process(content);
    watch.Stop();
    var peak = MemoryMiB("VmHWM:");
    Console.WriteLine($"{processed.Width} x {processed.Height}, {processed.Renditions.Count} renditions in {watch.Elapsed.TotalSeconds:F1} s; "
        + $"memory before {before:F0} MiB, peak {peak:F0} MiB: grew {peak - before:F0} MiB while processing");
}

void RunVips(string path)
{
    Console.WriteLine($"NetVips {typeof(Image).Assembly.GetName().Version}, libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}");
    NetVips.Cache.Max = 0;
    var bytes = File.ReadAllBytes(path);
    var total = Stopwatch.StartNew();
    foreach (var width in widths)
    {
        var resize = Stopwatch.StartNew();
        // Thumbnail decodes with shrink-on-load, so a small width never holds the whole 12 MP in memory.
        using var image = Image.ThumbnailBuffer(bytes, width).CopyMemory();
        var resized = resize.Elapsed;
        var avif = Time(() => image.HeifsaveBuffer(q: Quality, compression: Enums.ForeignHeifCompression.Av1, effort: 2));
        var webp = Time(() => image.WebpsaveBuffer(q: Quality, effort: 4));
        var jpeg = Time(() => image.JpegsaveBuffer(q: Quality, optimizeCoding: true));
        Print(width, resized, avif, webp, jpeg);
    }
    Console.WriteLine($"total: {total.Elapsed.TotalMilliseconds:F0} ms");
}

void RunSkia(string path)
{
    Console.WriteLine($"SkiaSharp {typeof(SKBitmap).Assembly.GetName().Version}");
    var bytes = File.ReadAllBytes(path);
    var total = Stopwatch.StartNew();
    foreach (var width in widths)
    {
        var resize = Stopwatch.StartNew();
        using var original = SKBitmap.Decode(bytes);
        var height = (int)Math.Round(original.Height * (double)width / original.Width);
        using var resizedBitmap = original.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resizedBitmap);
        var resized = resize.Elapsed;
        var avif = Time(() => Encode(image, SKEncodedImageFormat.Avif));
        var webp = Time(() => Encode(image, SKEncodedImageFormat.Webp));
        var jpeg = Time(() => Encode(image, SKEncodedImageFormat.Jpeg));
        Print(width, resized, avif, webp, jpeg);
    }
    Console.WriteLine($"total: {total.Elapsed.TotalMilliseconds:F0} ms");
}

static byte[] Encode(SKImage image, SKEncodedImageFormat format)
{
    using var data = image.Encode(format, Quality);
    return data?.ToArray() ?? [];
}

static (TimeSpan Time, int Bytes) Time(Func<byte[]> encode)
{
    var watch = Stopwatch.StartNew();
    var bytes = encode();
    return (watch.Elapsed, bytes.Length);
}

static void Print(int width, TimeSpan resize, (TimeSpan Time, int Bytes) avif, (TimeSpan Time, int Bytes) webp, (TimeSpan Time, int Bytes) jpeg) =>
    Console.WriteLine($"{width,5} px  decode+resize {resize.TotalMilliseconds,6:F0} ms | AVIF {Cell(avif)} | WebP {Cell(webp)} | JPEG {Cell(jpeg)}");

static string Cell((TimeSpan Time, int Bytes) r) =>
    r.Bytes == 0 ? "not supported       " : $"{r.Time.TotalMilliseconds,5:F0} ms {r.Bytes / 1024,5} KiB";

static double MemoryMiB(string field) =>
    File.ReadLines("/proc/self/status").Where(l => l.StartsWith(field)).Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).First();

static double PeakMemoryMiB() =>
    File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:")).Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).First();
