using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MediaLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MediaIds",
                table: "ReaderEditions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "HeroMediaId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MediaImages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    ByteSize = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AltText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Credit = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Licence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FocalX = table.Column<int>(type: "INTEGER", nullable: false),
                    FocalY = table.Column<int>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaImages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_HeroMediaId",
                table: "Articles",
                column: "HeroMediaId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaImages_Fingerprint",
                table: "MediaImages",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_MediaImages_UploadedAt",
                table: "MediaImages",
                column: "UploadedAt");

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_MediaImages_HeroMediaId",
                table: "Articles",
                column: "HeroMediaId",
                principalTable: "MediaImages",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Articles_MediaImages_HeroMediaId",
                table: "Articles");

            migrationBuilder.DropTable(
                name: "MediaImages");

            migrationBuilder.DropIndex(
                name: "IX_Articles_HeroMediaId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "MediaIds",
                table: "ReaderEditions");

            migrationBuilder.DropColumn(
                name: "HeroMediaId",
                table: "Articles");
        }
    }
}
