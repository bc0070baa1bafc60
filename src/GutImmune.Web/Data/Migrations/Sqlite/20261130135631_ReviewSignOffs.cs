using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewSignOffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReviewerAccount = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NextReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
