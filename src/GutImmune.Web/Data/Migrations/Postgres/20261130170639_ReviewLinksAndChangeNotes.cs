using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewLinksAndChangeNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReviewLinkId",
                table: "ReviewSignOffs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewerCredentials",
                table: "ReviewSignOffs",
                type: "character varying(98)",
                maxLength: 98,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChangeNotes",
                table: "ReaderEditions",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "ChangeNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChangeNotes_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewLinks_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewSignOffs_ReviewLinkId",
                table: "ReviewSignOffs",
                column: "ReviewLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeNotes_ArticleId",
                table: "ChangeNotes",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinks_ArticleId",
                table: "ReviewLinks",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinks_TokenHash",
                table: "ReviewLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ReviewSignOffs_ReviewLinks_ReviewLinkId",
                table: "ReviewSignOffs",
                column: "ReviewLinkId",
                principalTable: "ReviewLinks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ReviewSignOffs_ReviewLinks_ReviewLinkId",
                table: "ReviewSignOffs");

            migrationBuilder.DropTable(
                name: "ChangeNotes");

            migrationBuilder.DropTable(
                name: "ReviewLinks");

            migrationBuilder.DropIndex(
                name: "IX_ReviewSignOffs_ReviewLinkId",
                table: "ReviewSignOffs");

            migrationBuilder.DropColumn(
                name: "ReviewLinkId",
                table: "ReviewSignOffs");

            migrationBuilder.DropColumn(
                name: "ReviewerCredentials",
                table: "ReviewSignOffs");

            migrationBuilder.DropColumn(
                name: "ChangeNotes",
                table: "ReaderEditions");
        }
    }
}
