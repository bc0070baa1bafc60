using System.Buffers;
using System.IO.Hashing;
using Microsoft.Net.Http.Headers;

namespace GutImmune.Web.Caching;

/// <summary>
/// Gives reader pages an ETag (a hash of the body) and answers a matching If-None-Match with 304, so a browser or
/// proxy that already has the page does not download it again. The output cache stores the ETag with the page and
/// answers conditional requests itself on a cache hit.
/// </summary>
public sealed class ETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            || context.Request.Path.StartsWithSegments("/admin"))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new PooledBody();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status200OK && !context.Response.Headers.ContainsKey(HeaderNames.ETag))
        {
            // Any hash that changes with the body will do (an ETag is no secret): XXH128 costs a page about a microsecond, SHA-256 twenty.
            var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(XxHash128.Hash(buffer.Written))[..22]}\"", isWeak: true);
            context.Response.Headers.ETag = etag.ToString();
            var requested = context.Request.GetTypedHeaders().IfNoneMatch;
            if (requested.Any(r => r.Compare(etag, useStrongComparison: false) || r.Equals(EntityTagHeaderValue.Any)))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.ContentLength = null;
                return;
            }
        }
        // Nothing written must stay nothing written: even an empty write starts the response, and status code pages could no longer replace it.
        if (buffer.Length > 0)
            await original.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>The response body, held in arrays from the shared pool rather than a new one (zeroed, then regrown) per request.</summary>
    private sealed class PooledBody : Stream
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(32 * 1024);
        private int _length;

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

        public ReadOnlyMemory<byte> WrittenMemory => _bytes.AsMemory(0, _length);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_bytes.Length - _length < buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + buffer.Length));
                Written.CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }
            buffer.CopyTo(_bytes.AsSpan(_length));
            _length += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush() { }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _bytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = [];
                _length = 0;
            }
            base.Dispose(disposing);
        }
    }
}
