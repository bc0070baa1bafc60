namespace GutImmune.Web.Security;

/// <summary>
/// Removes NUL characters (<c>%00</c>) from a URL-encoded form as it is read, so that NUL is dropped like the other
/// characters no stored text may hold (<see cref="Content.TextCharacters"/>) and the form is saved with what was typed.
/// The framework's form reader refuses a whole form with a NUL in any field, and the antiforgery check, the first to
/// read it, then answers a bare 400 that loses the text.
/// </summary>
public sealed class EncodedNulRemoval(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            context.Request.Body = new WithoutEncodedNul(context.Request.Body);
        return next(context);
    }

    /// <summary>The body without its <c>%00</c> sequences, also where one is split between two reads.</summary>
    private sealed class WithoutEncodedNul(Stream body) : Stream
    {
        private const int ChunkBytes = 16 * 1024;
        private readonly byte[] _read = new byte[ChunkBytes + 2];
        private readonly byte[] _kept = new byte[ChunkBytes + 2];
        /// <summary>The bytes at the start of <see cref="_read"/> that may begin a <c>%00</c> the next read completes.</summary>
        private int _undecided;
        private int _keptStart;
        private int _keptEnd;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_keptStart == _keptEnd)
            {
                var read = await body.ReadAsync(_read.AsMemory(_undecided, ChunkBytes), cancellationToken);
                if (!Keep(_undecided + read, ended: read == 0))
                    return 0;
            }
            var count = Math.Min(buffer.Length, _keptEnd - _keptStart);
            _kept.AsSpan(_keptStart, count).CopyTo(buffer.Span);
            _keptStart += count;
            return count;
        }

        /// <summary>Moves the first <paramref name="length"/> bytes read to <see cref="_kept"/> without NULs; false once nothing is left.</summary>
        private bool Keep(int length, bool ended)
        {
            var (kept, i) = (0, 0);
            while (i < length)
            {
                if (_read[i] == '%' && !ended && i + 2 >= length)
                    break;
                if (_read[i] == '%' && i + 2 < length && _read[i + 1] == '0' && _read[i + 2] == '0')
                {
                    i += 3;
                    continue;
                }
                _kept[kept++] = _read[i++];
            }
            _read.AsSpan(i, length - i).CopyTo(_read);
            _undecided = length - i;
            (_keptStart, _keptEnd) = (0, kept);
            return kept > 0 || !ended;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
