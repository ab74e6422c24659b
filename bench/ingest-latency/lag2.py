import subprocess, sys, time
port = sys.argv[1]; keep = int(sys.argv[2])
pub = subprocess.Popen(f"ffmpeg -v error -re -i bf.flv -c copy -f flv -listen 1 rtmp://127.0.0.1:{port}/live/t".split())
time.sleep(1.0)
filt = "select='key*(isnan(prev_selected_t)+gte(t-prev_selected_t\\,0.999))',scale=64:64:flags=area,format=gray,pad=64:65:0:0,geq=lum='if(eq(Y,64),if(lt(X,48),mod(floor(max(T,0)*1000/pow(2,X)),2)*255,0),lum(X,Y))'"
a = f"/usr/bin/time -f A%U+%S ffmpeg -v error -nostats -copyts -i rtmp://127.0.0.1:{port}/live/t -map 0:v:0 -c copy -bsf:v \"noise=drop='if(key,st(0,n)*0,gt(n-ld(0),{keep}))'\" -flush_packets 1 {sys.argv[3]} pipe:1"
b = f"/usr/bin/time -f B%U+%S ffmpeg -v error -nostats -copyts -threads 1 -filter_threads 1 -probesize 32 -analyzeduration 0 {sys.argv[4]} -i pipe:0 -vf \"{filt}\" -fps_mode passthrough -threads 1 -f rawvideo -pix_fmt gray pipe:1"
S = time.monotonic()
p = subprocess.Popen(a + " | " + b, shell=True, stdout=subprocess.PIPE)
lags = []
while True:
    bb = p.stdout.read(64*65)
    if len(bb) < 64*65: break
    w = time.monotonic() - S
    row = bb[64*64:64*64+48]
    ms = sum((1 << i) for i in range(48) if row[i] > 127)
    lags.append(w - ms/1000.0)
    print(f"pts={ms/1000:.3f} wall={w:.3f} lag={w-ms/1000:.3f}")
p.wait(); pub.wait()
lags.sort()
print("n", len(lags), "p50", lags[len(lags)//2], "p95", lags[int(len(lags)*0.95)-1])
