using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewSignOffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewOverrideReason",
                table: "Articles",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewSignOffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    ArticleVersion = table.Column<int>(type: "integer", nullable: false),
                    ContentFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReviewerAccount = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NextReviewDue = table.Column<DateOnly>(type: "date", nullable: false),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewSignOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewSignOffs_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewSignOffs_ArticleId_ContentFingerprint",
                table: "ReviewSignOffs",
                columns: new[] { "ArticleId", "ContentFingerprint" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewSignOffs");

            migrationBuilder.DropColumn(
                name: "ReviewOverrideReason",
                table: "Articles");
        }
    }
}
