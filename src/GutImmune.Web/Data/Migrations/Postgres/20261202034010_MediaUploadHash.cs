using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MediaUploadHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Images already in the library keep a null hash: the bytes they were uploaded as were not kept (only the cleaned
            // original). MediaLibrary fills it when such an image is uploaded again, found by its cleaned original.
            migrationBuilder.AddColumn<string>(
                name: "UploadHash",
                table: "MediaImages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediaImages_UploadHash",
                table: "MediaImages",
                column: "UploadHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MediaImages_UploadHash",
                table: "MediaImages");

            migrationBuilder.DropColumn(
                name: "UploadHash",
                table: "MediaImages");
        }
    }
}
