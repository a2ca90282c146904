namespace MLExt.Cli.Training;

/// <summary>The validated options of <c>mlext distill</c>.</summary>
/// <param name="Train">The data, label, features, split and student network, as <c>mlext train</c> takes them.</param>
/// <param name="TeacherPath">The teacher's ML.NET model zip (<c>--teacher</c>), such as <c>mlext train --save</c> writes.</param>
/// <param name="Temperature">The temperature T (<c>--temperature</c>).</param>
/// <param name="Alpha">The weight α of the label term (<c>--alpha</c>).</param>
internal sealed record DistillRequest(TrainRequest Train, string TeacherPath, float Temperature, float Alpha);
